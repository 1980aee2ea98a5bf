import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { StatefulSetSpecLike } from '../../api/kinds/statefulset.ts';
import { clone } from '../../store/store.ts';
import { isPodReady, newControllerRef, podAvailability, podsPrefix } from '../podcontrol/pods.ts';

/** apps/v1 label keys the StatefulSet controller sets on its pods. */
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';
export const StatefulSetRevisionLabel = 'controller-revision-hash';

export type PodObj = KubeObject & Pick<Pod, 'spec' | 'status'>;

export const setSpec = (set: KubeObject): StatefulSetSpecLike => (set.spec ?? {}) as StatefulSetSpecLike;

const statefulPodRegex = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → ['web', 2]; ['', -1] when the name has no ordinal. */
export function parentAndOrdinal(pod: KubeObject): [string, number] {
  const m = statefulPodRegex.exec(pod.metadata.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return [m[1], n <= 2147483647 ? n : -1];
}

export const getOrdinal = (pod: KubeObject): number => parentAndOrdinal(pod)[1];
export const isMemberOf = (set: KubeObject, pod: KubeObject): boolean => parentAndOrdinal(pod)[0] === set.metadata.name;

export function startOrdinal(set: KubeObject): number {
  return setSpec(set).ordinals?.start ?? 0;
}

export function endOrdinal(set: KubeObject): number {
  return startOrdinal(set) + (setSpec(set).replicas ?? 1) - 1;
}

export function podInOrdinalRange(pod: KubeObject, set: KubeObject): boolean {
  const o = getOrdinal(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export const podName = (set: KubeObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

/** getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>`. */
export const claimName = (set: KubeObject, claim: string, ordinal: number): string => `${claim}-${set.metadata.name}-${ordinal}`;

/** identityMatches: name, namespace and the pod-name label agree with the ordinal. */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[StatefulSetPodNameLabel] === pod.metadata.name
  );
}

/** storageMatches: every claim template is mounted as the pod's own claim. */
export function storageMatches(set: KubeObject, pod: PodObj): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const t of setSpec(set).volumeClaimTemplates ?? []) {
    const name = (t.metadata?.name as string | undefined) ?? '';
    const v = volumes.get(name);
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, name, ordinal)) return false;
  }
  return true;
}

/** getPersistentVolumeClaims: template name → the claim object for this pod (labels: template + selector's matchLabels). */
export function podClaims(set: KubeObject, pod: KubeObject): Map<string, KubeObject> {
  const ordinal = getOrdinal(pod);
  const out = new Map<string, KubeObject>();
  const matchLabels = setSpec(set).selector?.matchLabels ?? {};
  for (const t of setSpec(set).volumeClaimTemplates ?? []) {
    const c = clone(t) as KubeObject;
    const tname = (t.metadata?.name as string | undefined) ?? '';
    c.apiVersion = 'v1';
    c.kind = 'PersistentVolumeClaim';
    c.metadata = { ...(c.metadata ?? {}), name: claimName(set, tname, ordinal), namespace: set.metadata.namespace };
    c.metadata.labels = { ...(c.metadata.labels ?? {}), ...matchLabels };
    delete c.metadata.creationTimestamp;
    delete c.status;
    out.set(tname, c);
  }
  return out;
}

/** updateStorage: mount each claim (replacing a same-named volume), keep the other volumes after them. */
export function updateStorage(set: KubeObject, pod: PodObj): void {
  const claims = podClaims(set, pod);
  const spec = (pod.spec ??= {} as never) as { volumes?: unknown[] };
  const current = (spec.volumes ?? []) as Array<{ name: string }>;
  const volumes: unknown[] = [];
  for (const [name, c] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: c.metadata.name } });
  for (const v of current) if (!claims.has(v.name)) volumes.push(v);
  spec.volumes = volumes;
}

/** updateIdentity: name, namespace, and the pod-name and pod-index labels (PodIndexLabel is on in 1.32). */
export function updateIdentity(set: KubeObject, pod: KubeObject): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [StatefulSetPodNameLabel]: pod.metadata.name, [PodIndexLabel]: String(ordinal) };
}

/** newStatefulSetPod: GetPodFromTemplate with the identity (hostname, subdomain) and storage of `ordinal`. */
export function newStatefulSetPod(set: KubeObject, ordinal: number): PodObj {
  const template = (setSpec(set).template ?? {}) as PodTemplateSpec;
  const meta = template.metadata ?? {};
  const pod: PodObj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: podsPrefix(set.metadata.name!), name: podName(set, ordinal), namespace: set.metadata.namespace },
    spec: clone(template.spec ?? {}) as Pod['spec'],
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  pod.metadata.ownerReferences = [newControllerRef(set)];
  updateIdentity(set, pod);
  const spec = pod.spec as { hostname?: string; subdomain?: string };
  spec.hostname = pod.metadata.name;
  spec.subdomain = setSpec(set).serviceName ?? '';
  if (!spec.subdomain) delete spec.subdomain;
  updateStorage(set, pod);
  return pod;
}

export const getPodRevision = (pod: KubeObject): string => pod.metadata.labels?.[StatefulSetRevisionLabel] ?? '';

export function setPodRevision(pod: KubeObject, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [StatefulSetRevisionLabel]: revision };
}

/** isCreated: the apiserver has set a phase. */
export const isCreated = (pod: PodObj): boolean => !!pod.status?.phase;
export const isPending = (pod: PodObj): boolean => pod.status?.phase === 'Pending';
export const isFailed = (pod: PodObj): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: PodObj): boolean => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: KubeObject): boolean => !!pod.metadata.deletionTimestamp;
export const isRunningAndReady = (pod: PodObj): boolean => pod.status?.phase === 'Running' && isPodReady(pod as Pod);

/** isRunningAndAvailable: podutil.IsPodAvailable at `now`. */
export function isRunningAndAvailable(pod: PodObj, minReadySeconds: number, now: number, parse: (ts: string) => number): boolean {
  return podAvailability(pod as Pod, minReadySeconds, now, parse).available;
}

/** The virtual ms at which a ready pod becomes available (for a requeue), if it is not yet. */
export function availableAt(pod: PodObj, minReadySeconds: number, now: number, parse: (ts: string) => number): number | undefined {
  return podAvailability(pod as Pod, minReadySeconds, now, parse).becomesAt;
}
