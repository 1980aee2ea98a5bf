import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { goJsonString } from '../output/yaml.ts';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of an unstructured value: compact, map keys sorted, HTML-safe escaping. */
export function goCompactJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goCompactJson).join(',')}]`;
  const m = v as Record<string, unknown>;
  const keys = Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonString(k)}:${goCompactJson(m[k])}`).join(',')}}`;
}

/**
 * util.GetModifiedConfiguration with annotate=true: the object with its last-applied annotation set to its
 * own JSON (taken with the annotation removed, so `"annotations":{}` appears when it had no others).
 * Returns the annotated object and the annotation text.
 */
export function withLastApplied(obj: KubeObject): { obj: KubeObject; annotation: string } {
  const o = clone(obj);
  const meta = (o.metadata ??= {});
  const annots = { ...(meta.annotations ?? {}) };
  delete annots[lastAppliedAnnotation];
  meta.annotations = annots;
  const annotation = goCompactJson(o) + '\n';
  meta.annotations = { ...annots, [lastAppliedAnnotation]: annotation };
  return { obj: o, annotation };
}

/** The last applied configuration stored on a live object, parsed; undefined when absent or unreadable. */
export function readLastApplied(live: KubeObject): KubeObject | undefined {
  const text = live.metadata.annotations?.[lastAppliedAnnotation];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as KubeObject;
  } catch {
    return undefined;
  }
}
