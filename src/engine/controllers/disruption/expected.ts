/** getExpectedPodCount / getExpectedScale: how many pods a PDB expects and how many must stay healthy. */
import type { IntOrString, PDBSpec } from '../../api/kinds/poddisruptionbudget.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ObjectStore } from '../../store/store.ts';

export interface Expectation {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

export class ExpectationError extends Error {}

/** intstr.GetScaledValueFromIntOrPercent with rounding up. */
export function scaled(v: IntOrString, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) throw new ExpectationError(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${v.replace(/%$/, '')}": invalid syntax`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

const replicas = (o: KubeObject) => (o.spec as { replicas?: number } | undefined)?.replicas ?? 0;

/** The finders: the controller (and its scale) that owns a pod, as upstream's RC, Deployment, RS and StatefulSet finders. */
function findController(store: ObjectStore, pod: KubeObject): { uid: string; scale: number } | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const plural: Record<string, string> = { ReplicationController: 'replicationcontrollers', StatefulSet: 'statefulsets', ReplicaSet: 'replicasets' };
  const p = plural[ref.kind];
  const owner = p ? store.get(p, ns, ref.name) : undefined;
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const dref = owner.metadata.ownerReferences?.find((r) => r.controller);
    if (dref?.kind === 'Deployment') {
      const d = store.get('deployments', ns, dref.name);
      if (!d || d.metadata.uid !== dref.uid) return undefined;
      return { uid: d.metadata.uid!, scale: replicas(d) };
    }
  }
  return { uid: owner.metadata.uid!, scale: replicas(owner) };
}

function expectedScale(store: ObjectStore, pods: KubeObject[]): { count: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) {
      unmanaged.push(pod.metadata.name!);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = findController(store, pod);
    if (!found) throw new ExpectationError(`found no controllers for pod "${pod.metadata.name}"`);
    scales.set(found.uid, found.scale);
  }
  let count = 0;
  for (const s of scales.values()) count += s;
  return { count, unmanaged };
}

export function expectation(store: ObjectStore, spec: PDBSpec, pods: KubeObject[]): Expectation {
  if (spec.maxUnavailable !== undefined) {
    const { count, unmanaged } = expectedScale(store, pods);
    const desired = Math.max(0, count - scaled(spec.maxUnavailable, count));
    return { expectedCount: count, desiredHealthy: desired, unmanagedPods: unmanaged };
  }
  if (spec.minAvailable !== undefined) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { count, unmanaged } = expectedScale(store, pods);
    return { expectedCount: count, desiredHealthy: scaled(spec.minAvailable, count), unmanagedPods: unmanaged };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
