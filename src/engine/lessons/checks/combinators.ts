import { evaluateCheck, registerPredicate } from './registry.ts';

registerPredicate({
  name: 'all',
  summary: 'every check in the list passes',
  args: { checks: { type: 'checks', required: true } },
  evaluate(ctx, args) {
    const details: string[] = [];
    for (const c of args as unknown as unknown[]) {
      const r = evaluateCheck(ctx, c);
      if (!r.pass) return r;
      details.push(r.detail);
    }
    return { pass: true, detail: details.join('; ') };
  },
});

registerPredicate({
  name: 'any',
  summary: 'at least one check in the list passes',
  args: { checks: { type: 'checks', required: true } },
  evaluate(ctx, args) {
    const results = (args as unknown as unknown[]).map((c) => evaluateCheck(ctx, c));
    return results.find((r) => r.pass) ?? { pass: false, detail: results.map((r) => r.detail).join(' / ') };
  },
});

registerPredicate({
  name: 'not',
  summary: 'the check does not pass',
  args: { check: { type: 'check', required: true } },
  evaluate(ctx, args) {
    const r = evaluateCheck(ctx, args);
    return { pass: !r.pass, detail: `not (${r.detail})` };
  },
});
