/** JSON merge patch (RFC 7386), as evanphx/json-patch MergePatch applies `application/merge-patch+json`. */
import { deepClone, isMap, type Json } from './json.ts';

export function jsonMergePatch(target: unknown, patch: unknown): Json {
  if (!isMap(patch)) return deepClone(patch as Json);
  const out: { [k: string]: Json } = isMap(target) ? (deepClone(target) as { [k: string]: Json }) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}
