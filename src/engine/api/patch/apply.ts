/**
 * One entry point for the three patch types, with the two ways errors are reported: as kubectl's local
 * patching reports them (`kubectl patch --local`, `--dry-run=client`) and as the apiserver does.
 */
import { StatusError } from '../types.ts';
import { isMap, PatchError, type Json } from './json.ts';
import { applyJsonPatch, decodeJsonPatch } from './jsonpatch.ts';
import { jsonMergePatch } from './jsonmerge.ts';
import { strategicMergePatch } from './strategic.ts';
import type { PatchType } from './kinds.ts';

/** Apply a decoded patch document; throws PatchError with the library's message. */
export function applyPatch(type: PatchType, original: unknown, patch: unknown): Json {
  switch (type) {
    case 'json':
      return applyJsonPatch(original, decodeJsonPatch(patch));
    case 'merge':
      if (patch !== null && typeof patch !== 'object') throw new PatchError('BadRequest', 'Invalid JSON Patch');
      if (Array.isArray(patch)) throw new PatchError('BadRequest', 'json: cannot unmarshal array into Go value of type unstructured.detector');
      return jsonMergePatch(original, patch);
    case 'strategic':
      if (!isMap(patch)) throw new PatchError('BadRequest', 'invalid JSON document');
      return strategicMergePatch(original, patch);
  }
}

/**
 * Apply a patch as the apiserver's PATCH handler does, mapping failures to its statuses: 400 BadRequest for
 * undecodable or inapplicable patches, 422 (no details) for failed JSON patch tests, 500 for strategic
 * merge errors it does not classify.
 */
export function applyPatchOnServer(type: PatchType, original: unknown, patch: unknown): Json {
  if (type === 'strategic' && !isMap(patch)) {
    const what = Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch;
    throw new StatusError(400, 'BadRequest', `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
  }
  try {
    return applyPatch(type, original, patch);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    if (e.reason === 'Invalid') throw new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
    if (e.reason === 'BadRequest') throw new StatusError(400, 'BadRequest', e.message);
    throw new StatusError(500, '', e.message);
  }
}
