import type { KubeObject } from '../../api/types.ts';
import { parseSelector } from '../../util/selectors.ts';
import { parsePath, readPath } from '../path.ts';
import { registerPredicate, type CheckContext, type CheckResult } from './registry.ts';

/** Resolve `kind` as kubectl does (pods, po, Pod, deploy) and read objects without copying them. */
export function lookup(ctx: CheckContext, kind: string, name: string, namespace?: string): KubeObject | undefined {
  const t = ctx.rt.registry.lookup(kind);
  if (!t) return undefined;
  return ctx.rt.store.get(t.plural, t.namespaced ? namespace ?? 'default' : undefined, name);
}

export function listOf(ctx: CheckContext, kind: string, namespace?: string, selector?: string): KubeObject[] {
  const t = ctx.rt.registry.lookup(kind);
  if (!t) return [];
  const all = ctx.rt.store.list(t.plural, t.namespaced ? namespace ?? 'default' : undefined);
  if (!selector) return all;
  const sel = parseSelector(selector);
  return all.filter((o) => sel.matches(o.metadata.labels));
}

export function validSelector(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    parseSelector(s);
    return undefined;
  } catch (e) {
    return `bad selector "${s}": ${(e as Error).message}`;
  }
}

function validPath(p: unknown): string | undefined {
  try {
    if (typeof p === 'string') parsePath(p);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const ref = (a: Record<string, unknown>) => `${a.kind}/${a.name}${a.namespace ? ` -n ${a.namespace}` : ''}`;

/** Compare a value with the comparison arguments (equals, matches, gte, lte, contains). */
export function compare(value: unknown, a: Record<string, unknown>): boolean {
  if ('equals' in a) return value === a.equals || (value !== undefined && value !== null && typeof value !== 'object' && String(value) === String(a.equals));
  if ('matches' in a) return typeof value !== 'object' && new RegExp(String(a.matches)).test(String(value));
  if ('gte' in a) return Number(value) >= Number(a.gte);
  if ('lte' in a) return Number(value) <= Number(a.lte);
  if ('contains' in a) return Array.isArray(value) ? value.some((v) => v === a.contains || String(v) === String(a.contains)) : String(value ?? '').includes(String(a.contains));
  return true;
}

const comparison = { equals: { type: 'scalar' as const }, matches: { type: 'string' as const }, gte: { type: 'number' as const }, lte: { type: 'number' as const }, contains: { type: 'scalar' as const } };

function validRegex(a: Record<string, unknown>, key = 'matches'): string | undefined {
  if (typeof a[key] !== 'string') return undefined;
  try {
    new RegExp(a[key] as string);
    return undefined;
  } catch {
    return `bad regular expression ${JSON.stringify(a[key])}`;
  }
}

registerPredicate({
  name: 'exists',
  summary: 'an object exists (and is not being deleted)',
  args: { kind: { type: 'string', required: true }, name: { type: 'string', required: true }, namespace: { type: 'string' } },
  evaluate(ctx, a): CheckResult {
    const o = lookup(ctx, a.kind as string, a.name as string, a.namespace as string | undefined);
    const live = !!o && !o.metadata.deletionTimestamp;
    return { pass: live, detail: `${ref(a)} ${o ? (live ? 'exists' : 'is being deleted') : 'not found'}` };
  },
});

registerPredicate({
  name: 'absent',
  summary: 'an object does not exist',
  args: { kind: { type: 'string', required: true }, name: { type: 'string', required: true }, namespace: { type: 'string' } },
  evaluate(ctx, a): CheckResult {
    const o = lookup(ctx, a.kind as string, a.name as string, a.namespace as string | undefined);
    return { pass: !o, detail: `${ref(a)} ${o ? 'still exists' : 'is gone'}` };
  },
});

registerPredicate({
  name: 'field',
  summary: 'a field of one object compares as asked (equals, matches, gte, lte, contains, or just present)',
  args: { kind: { type: 'string', required: true }, name: { type: 'string', required: true }, namespace: { type: 'string' }, path: { type: 'string', required: true }, ...comparison, present: { type: 'boolean' } },
  oneOf: [['equals', 'matches', 'gte', 'lte', 'contains', 'present']],
  validate: (a) => validPath(a.path) ?? validRegex(a),
  evaluate(ctx, a): CheckResult {
    const o = lookup(ctx, a.kind as string, a.name as string, a.namespace as string | undefined);
    if (!o) return { pass: false, detail: `${ref(a)} not found` };
    const r = readPath(o, parsePath(a.path as string));
    if (!r.found) return { pass: a.present === false, detail: `${ref(a)} has no field ${r.missing}` };
    if ('present' in a) return { pass: a.present === true, detail: `${ref(a)} ${a.path} is set` };
    return { pass: compare(r.value, a), detail: `${ref(a)} ${a.path} = ${JSON.stringify(r.value)}` };
  },
});

registerPredicate({
  name: 'count',
  summary: 'the number of objects of a kind (matching a selector and `where` fields) compares as asked',
  args: { kind: { type: 'string', required: true }, namespace: { type: 'string' }, selector: { type: 'string' }, where: { type: 'map' }, includeTerminating: { type: 'boolean' }, equals: { type: 'number' }, gte: { type: 'number' }, lte: { type: 'number' } },
  oneOf: [['equals', 'gte', 'lte']],
  validate: (a) => validSelector(a.selector) ?? Object.keys((a.where as object) ?? {}).map(validPath).find((m) => m),
  evaluate(ctx, a): CheckResult {
    const where = Object.entries((a.where as Record<string, unknown>) ?? {}).map(([p, v]) => [parsePath(p), v] as const);
    const n = listOf(ctx, a.kind as string, a.namespace as string | undefined, a.selector as string | undefined).filter(
      (o) => (a.includeTerminating || !o.metadata.deletionTimestamp) && where.every(([p, v]) => {
        const r = readPath(o, p);
        return r.found && String(r.value) === String(v);
      }),
    ).length;
    return { pass: compare(n, a), detail: `${n} ${a.kind}${a.selector ? ` with ${a.selector}` : ''}${where.length ? ` where ${Object.entries(a.where as object).map(([k, v]) => `${k}=${v}`).join(',')}` : ''}` };
  },
});

export { validRegex };
