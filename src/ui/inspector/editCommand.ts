import type { ObjRef } from '../state/uiStore.ts';

/** The `kubectl edit` the inspector's Edit button types for an object: `kubectl edit deployment/web -n default`. */
export function editCommand(ref: ObjRef): string {
  const ns = ref.namespace ? ` -n ${ref.namespace}` : '';
  return `kubectl edit ${ref.kind.toLowerCase()}/${ref.name}${ns}`;
}
