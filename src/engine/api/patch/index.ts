// Patches as the apiserver applies them: strategic merge, JSON merge (RFC 7386), JSON patch (RFC 6902),
// and the three-way merge `kubectl apply` computes. Pure functions over JSON values.
export { PatchError, jsonEqual, type Json, type JsonMap } from './json.ts';
export { strategicMergePatch } from './strategic.ts';
export { jsonMergePatch } from './jsonmerge.ts';
export { applyJsonPatch, decodeJsonPatch } from './jsonpatch.ts';
export { threeWayMerge } from './threeway.ts';
export { fieldPatchMeta, type FieldPatchMeta } from './meta.ts';
export { goValue } from './gofmt.ts';
export { supportsStrategicMerge, patchMediaTypes, unsupportedMediaTypeMessage, type PatchType } from './kinds.ts';
export { applyPatch, applyPatchOnServer } from './apply.ts';
