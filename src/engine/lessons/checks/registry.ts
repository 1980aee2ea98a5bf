import type { ClusterRuntime } from '../../runtime.ts';

/** What a check reads: the runtime (store, registry, history). Checks only read. */
export interface CheckContext {
  rt: ClusterRuntime;
}

export interface CheckResult {
  pass: boolean;
  /** One line for the learner and for `lessons check`: what was seen (`2/3 available`). */
  detail: string;
}

export type ArgType = 'string' | 'number' | 'boolean' | 'scalar' | 'map' | 'check' | 'checks';

export interface PredicateDef {
  name: string;
  /** One line for the authoring guide. */
  summary: string;
  args: Record<string, { type: ArgType; required?: boolean }>;
  /** Groups of arguments of which exactly one must be given (e.g. the comparison of `field`). */
  oneOf?: string[][];
  /** Checks the arguments beyond their types (a bad selector, regex or path); returns a message or undefined. */
  validate?(args: Record<string, unknown>): string | undefined;
  evaluate(ctx: CheckContext, args: Record<string, unknown>): CheckResult;
}

const predicates = new Map<string, PredicateDef>();

export function registerPredicate(def: PredicateDef): void {
  predicates.set(def.name, def);
}

export function listPredicates(): PredicateDef[] {
  return [...predicates.values()];
}

export interface CheckProblem {
  /** Keys from the check's root to the offending value. */
  path: string[];
  message: string;
}

function typeOk(t: ArgType, v: unknown): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'scalar':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;
    case 'map':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'check':
    case 'checks':
      return true;
  }
}

/** Every problem in a check as written: unknown predicates, unknown or missing arguments, wrong types. */
export function validateCheck(spec: unknown, path: string[] = []): CheckProblem[] {
  if (Array.isArray(spec)) return spec.flatMap((s, i) => validateCheck(s, [...path, String(i)]));
  if (typeof spec !== 'object' || spec === null) return [{ path, message: 'a check is a mapping with one predicate, e.g. "exists: {kind: Pod, name: web}"' }];
  const keys = Object.keys(spec);
  if (keys.length !== 1) return [{ path, message: `a check names exactly one predicate, got ${keys.length ? keys.join(', ') : 'none'} (use all: [...] to combine)` }];
  const name = keys[0];
  const def = predicates.get(name);
  const at = [...path, name];
  if (!def) return [{ path: at, message: `unknown predicate "${name}" (known: ${[...predicates.keys()].sort().join(', ')})` }];
  const args = (spec as Record<string, unknown>)[name];
  const argEntries = Object.entries(def.args);
  // all/any take a list, not: one check.
  if (argEntries.length === 1 && (argEntries[0][1].type === 'checks' || argEntries[0][1].type === 'check')) {
    if (argEntries[0][1].type === 'checks') {
      if (!Array.isArray(args) || args.length === 0) return [{ path: at, message: `${name} takes a non-empty list of checks` }];
      return args.flatMap((s, i) => validateCheck(s, [...at, String(i)]));
    }
    return validateCheck(args, at);
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return [{ path: at, message: `${name} takes a mapping of arguments (${Object.keys(def.args).join(', ')})` }];
  const problems: CheckProblem[] = [];
  const a = args as Record<string, unknown>;
  for (const [k, v] of Object.entries(a)) {
    const d = def.args[k];
    if (!d) problems.push({ path: [...at, k], message: `${name}: unknown argument "${k}" (known: ${Object.keys(def.args).join(', ')})` });
    else if (!typeOk(d.type, v)) problems.push({ path: [...at, k], message: `${name}.${k} must be a ${d.type}` });
  }
  for (const [k, d] of argEntries) if (d.required && !(k in a)) problems.push({ path: at, message: `${name}: missing argument "${k}"` });
  for (const group of def.oneOf ?? []) {
    const n = group.filter((k) => k in a).length;
    if (n !== 1) problems.push({ path: at, message: `${name}: give exactly one of ${group.join(', ')}` });
  }
  if (!problems.length && def.validate) {
    const m = def.validate(a);
    if (m) problems.push({ path: at, message: `${name}: ${m}` });
  }
  return problems;
}

/** Evaluate a validated check against the cluster now. */
export function evaluateCheck(ctx: CheckContext, spec: unknown): CheckResult {
  if (Array.isArray(spec)) return evaluateCheck(ctx, { all: spec });
  const [name, args] = Object.entries(spec as Record<string, unknown>)[0];
  const def = predicates.get(name);
  if (!def) return { pass: false, detail: `unknown predicate "${name}"` };
  return def.evaluate(ctx, args as Record<string, unknown>);
}
