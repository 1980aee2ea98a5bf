// How structured-merge-diff treats each list and map of the built-in types: associative lists with their keys
// (`+listType=map` / `+listMapKey`), sets of scalars (`+listType=set`), and atomic values (`+listType=atomic`, the
// default for lists, and `+structType=atomic` / `+mapType=atomic` fields such as label selectors).

export type ListType = { kind: 'map'; keys: string[] } | { kind: 'set' } | { kind: 'atomic' };

const inContainer = (parents: readonly string[]) => ['containers', 'initContainers', 'ephemeralContainers'].includes(parents[parents.length - 1] ?? '');

/** The list type of field `name` whose parent fields are `parents` (list items are not part of the path). */
export function listType(parents: readonly string[], name: string): ListType {
  const parent = parents[parents.length - 1] ?? '';
  switch (name) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return { kind: 'map', keys: ['name'] };
    case 'env':
      return inContainer(parents) ? { kind: 'map', keys: ['name'] } : { kind: 'atomic' };
    case 'volumeMounts':
      return { kind: 'map', keys: ['mountPath'] };
    case 'volumeDevices':
      return { kind: 'map', keys: ['devicePath'] };
    case 'ports':
      if (inContainer(parents)) return { kind: 'map', keys: ['containerPort', 'protocol'] };
      if (parent === 'spec') return { kind: 'map', keys: ['port', 'protocol'] };
      return { kind: 'atomic' };
    case 'hostAliases':
      return { kind: 'map', keys: ['ip'] };
    case 'topologySpreadConstraints':
      return { kind: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] };
    case 'ownerReferences':
      return parent === 'metadata' ? { kind: 'map', keys: ['uid'] } : { kind: 'atomic' };
    case 'conditions':
      return parent === 'status' ? { kind: 'map', keys: ['type'] } : { kind: 'atomic' };
    case 'podIPs':
    case 'hostIPs':
      return { kind: 'map', keys: ['ip'] };
    case 'finalizers':
      return parent === 'metadata' ? { kind: 'set' } : { kind: 'atomic' };
    default:
      return { kind: 'atomic' };
  }
}

/** Maps and structs replaced whole (label selectors, a Service's selector). */
export function atomicMap(parents: readonly string[], name: string): boolean {
  return name === 'selector' || name === 'labelSelector' || name === 'namespaceSelector' || (name === 'nodeSelector' && parents[parents.length - 1] === 'requiredDuringSchedulingIgnoredDuringExecution');
}
