import { validRegex } from './objects.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

registerPredicate({
  name: 'ran',
  summary: 'a command matching the regular expression was run (optionally with this exit status)',
  args: { command: { type: 'string', required: true }, exitCode: { type: 'number' } },
  validate: (a) => validRegex(a, 'command'),
  evaluate(ctx, a): CheckResult {
    const re = new RegExp(a.command as string);
    const hit = ctx.rt.history.commands.some((c) => re.test(c.line) && (a.exitCode === undefined || c.exitCode === a.exitCode));
    return { pass: hit, detail: hit ? `ran ${a.command}` : `no command matching ${a.command} yet` };
  },
});

registerPredicate({
  name: 'event',
  summary: 'an Event with this reason was recorded (optionally for an object kind, a name or name prefix, a message pattern)',
  args: { reason: { type: 'string', required: true }, namespace: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namePrefix: { type: 'string' }, message: { type: 'string' } },
  validate: (a) => validRegex(a, 'message'),
  evaluate(ctx, a): CheckResult {
    const re = a.message ? new RegExp(a.message as string) : undefined;
    const evs = ctx.rt.store.list('events', (a.namespace as string | undefined) ?? 'default') as unknown as Array<{ reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } }>;
    const hit = evs.some(
      (e) =>
        e.reason === a.reason &&
        (!a.kind || e.involvedObject?.kind === a.kind) &&
        (!a.name || e.involvedObject?.name === a.name) &&
        (!a.namePrefix || (e.involvedObject?.name ?? '').startsWith(a.namePrefix as string)) &&
        (!re || re.test(e.message ?? '')),
    );
    return { pass: hit, detail: hit ? `event ${a.reason} seen` : `no ${a.reason} event yet` };
  },
});
