// Taint arguments of `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go): parsing, and the
// merge of the requested changes into a node's taints.
import { isQualifiedName, isValidLabelValue } from '../../api/validation/names.ts';

export interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export class TaintSpecError extends Error {}

/** Taint.ToString: `key=value:effect`, `key:effect`, `key=value:` or `key`. */
export function taintString(t: TaintSpec): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Go's %v of a corev1.Taint, as the duplicate error prints it: `{key value NoSchedule <nil>}`. */
export function goTaint(t: TaintSpec): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
export function parseTaint(st: string): TaintSpec {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    effect = parts[1];
    if (!effects.includes(effect)) throw new TaintSpecError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new TaintSpecError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length > 0) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else {
    throw new TaintSpecError(`invalid taint spec: ${st}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  const t: TaintSpec = { key };
  if (value) t.value = value;
  if (effect) t.effect = effect;
  return t;
}

/** parseTaints: the taints to add and to remove (`...-`); each added taint needs an effect and a unique key+effect. */
export function parseTaints(specs: string[]): { add: TaintSpec[]; remove: TaintSpec[] } {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push(t.effect ? { key: t.key, effect: t.effect } : { key: t.key });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${s}`);
    const id = `${t.effect}\0${t.key}`;
    if (seen.has(id)) throw new TaintSpecError(`duplicated taints with the same key and effect: ${goTaint(t)}`);
    seen.add(id);
    add.push(t);
  }
  return { add, remove };
}

const match = (a: TaintSpec, b: TaintSpec) => a.key === b.key && a.effect === b.effect;

/**
 * reorganizeTaints: the node's new taints and the operation the printer reports (`tainted`, `untainted`,
 * `modified`). Throws the aggregate of `taint "<t>" not found` errors for removals that match nothing.
 */
export function reorganizeTaints(old: TaintSpec[], overwrite: boolean, add: TaintSpec[], remove: TaintSpec[]): { operation: string; taints: TaintSpec[]; errors: string[] } {
  let taints: TaintSpec[] = add.map((t) => ({ ...t }));
  for (const o of old) if (!taints.some((t) => match(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(r.effect ? match(r, t) : t.key === r.key));
    removed = before !== taints.length;
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

/** checkIfTaintsAlreadyExists: the keys of taints to add that the node already has with the same effect. */
export function existingTaintKeys(old: TaintSpec[], add: TaintSpec[]): string {
  const keys: string[] = [];
  for (const t of add) for (const o of old) if (t.key === o.key && t.effect === o.effect) keys.push(t.key);
  return keys.join(',');
}
