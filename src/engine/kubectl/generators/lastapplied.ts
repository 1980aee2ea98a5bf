import type { KubeObject } from '../../api/types.ts';
import { lastAppliedAnnotation } from '../apply/lastapplied.ts';
import { goJsonString } from '../output/yaml.ts';
import { sortedMap } from './meta.ts';

/** Go's json.Marshal of a typed object: compact, struct (insertion) field order, HTML-safe escaping. */
function typedCompactJson(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(typedCompactJson).join(',')}]`;
  const m = v as Record<string, unknown>;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined);
  return `{${keys.map((k) => `${goJsonString(k)}:${typedCompactJson(m[k])}`).join(',')}}`;
}

/**
 * `--save-config` on a generated object (util.CreateOrUpdateAnnotation with the typed JSON encoder): the
 * last-applied annotation holds the object's own JSON in struct field order, taken without that
 * annotation (an empty annotations map is omitted), with the encoder's trailing newline.
 */
export function withTypedLastApplied(obj: KubeObject): KubeObject {
  const meta = obj.metadata as Record<string, unknown>;
  const others = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  delete others[lastAppliedAnnotation];
  const bare: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) if (k !== 'annotations' || Object.keys(others).length > 0) bare[k] = k === 'annotations' ? others : v;
  const annotation = typedCompactJson({ ...obj, metadata: bare }) + '\n';
  const annotations = sortedMap({ ...others, [lastAppliedAnnotation]: annotation });
  // ObjectMeta field order: annotations follow labels (or creationTimestamp when there are none).
  const anchor = 'annotations' in meta ? 'annotations' : 'labels' in meta ? 'labels' : 'creationTimestamp';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) {
    if (k !== 'annotations') out[k] = v;
    if (k === anchor) out.annotations = annotations;
  }
  if (!('annotations' in out)) out.annotations = annotations;
  return { ...obj, metadata: out } as KubeObject;
}
