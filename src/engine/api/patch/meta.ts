/**
 * Patch metadata of the built-in types: the `patchStrategy` / `patchMergeKey` Go struct tags
 * (`x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` in the OpenAPI), looked up by field name
 * and the path of map keys leading to it (list indices are not part of the path). Lists not named here are
 * atomic (replaced whole): tolerations, taints, args, command, readinessGates, rules, ...
 */
export interface FieldPatchMeta {
  /** `merge` lists merge item by item (by `key`, or as a set of primitives without one). */
  merge?: boolean;
  key?: string;
  /** `retainKeys`: the patch's `$retainKeys` list says which keys of this map survive. */
  retainKeys?: boolean;
}

const inContainer = (path: readonly string[]): boolean => {
  const p = path[path.length - 1];
  return p === 'containers' || p === 'initContainers' || p === 'ephemeralContainers';
};

/** Patch metadata of `field` inside the map reached by `path`; undefined for plain fields. */
export function fieldPatchMeta(path: readonly string[], field: string): FieldPatchMeta | undefined {
  const parent = path[path.length - 1] ?? '';
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'imagePullSecrets':
    case 'schedulingGates':
      return { merge: true, key: 'name' };
    case 'volumes':
    case 'resourceClaims':
      return parent === 'spec' ? { merge: true, key: 'name', retainKeys: true } : undefined;
    case 'env':
      return inContainer(path) ? { merge: true, key: 'name' } : undefined;
    case 'secrets':
      return path.length === 0 ? { merge: true, key: 'name' } : undefined;
    case 'volumeMounts':
      return { merge: true, key: 'mountPath' };
    case 'volumeDevices':
      return { merge: true, key: 'devicePath' };
    case 'hostAliases':
      return { merge: true, key: 'ip' };
    case 'podIPs':
    case 'hostIPs':
      return parent === 'status' ? { merge: true, key: 'ip' } : undefined;
    case 'topologySpreadConstraints':
      return { merge: true, key: 'topologyKey' };
    case 'ownerReferences':
      return parent === 'metadata' ? { merge: true, key: 'uid' } : undefined;
    case 'conditions':
      return parent === 'status' ? { merge: true, key: 'type' } : undefined;
    case 'addresses':
      return parent === 'status' ? { merge: true, key: 'type' } : undefined;
    case 'finalizers':
      return parent === 'metadata' ? { merge: true } : undefined;
    case 'ports':
      // Container ports merge on containerPort; service ports on port.
      if (inContainer(path)) return { merge: true, key: 'containerPort' };
      if (parent === 'spec' && path.length === 1) return { merge: true, key: 'port' };
      return undefined;
    case 'strategy':
      return path.length === 1 && parent === 'spec' ? { retainKeys: true } : undefined;
    case 'updateStrategy':
      return path.length === 1 && parent === 'spec' ? { retainKeys: true } : undefined;
    default:
      return undefined;
  }
}
