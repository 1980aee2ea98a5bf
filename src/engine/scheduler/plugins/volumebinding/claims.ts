import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';
import { claimSpec, claimStatus } from '../../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../../api/kinds/storageclass.ts';
import { annBindCompleted, claimClass } from '../../../controllers/persistentvolume/helpers.ts';
import type { Handle } from '../../framework/interfaces.ts';

/** A pod's claims sorted the way the binder needs them (upstream's PodVolumeClaims). */
export interface PodVolumeClaims {
  bound: KubeObject[];
  /** Unbound claims of a WaitForFirstConsumer class: bound by the scheduler. */
  delayed: KubeObject[];
  /** Unbound claims of any other class: the PV controller binds them first. */
  immediate: number;
}

/** Whether the pod mounts a claim at all (persistentVolumeClaim or generic ephemeral volumes). */
export function podHasClaimVolumes(spec: Pod['spec'] | undefined): boolean {
  for (const v of spec?.volumes ?? []) if (v.persistentVolumeClaim || v.ephemeral) return true;
  return false;
}

/**
 * podHasPVCs + GetPodVolumeClaims: every claim the pod names must exist, not be terminating and not be Lost;
 * returns the error text upstream puts in its UnschedulableAndUnresolvable status, or the claims by kind.
 */
export function podVolumeClaims(h: Handle, pod: { namespace: string; name: string; spec: Pod['spec'] }): PodVolumeClaims | string {
  const out: PodVolumeClaims = { bound: [], delayed: [], immediate: 0 };
  for (const v of pod.spec?.volumes ?? []) {
    const ephemeral = !!v.ephemeral;
    const name = v.persistentVolumeClaim?.claimName ?? (ephemeral ? `${pod.name}-${v.name}` : undefined);
    if (!name) continue;
    const pvc = h.store.get('persistentvolumeclaims', pod.namespace, name);
    if (!pvc) return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
    if (ephemeral && !pvc.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Pod' && r.name === pod.name)) {
      return `PVC ${pod.namespace}/${name} was not created for pod ${pod.namespace}/${pod.name} (pod is not owner)`;
    }
    if (claimStatus(pvc).phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claimSpec(pvc).volumeName ?? ''}"`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (isFullyBound(pvc)) out.bound.push(pvc);
    else if (isDelayBinding(h, pvc)) out.delayed.push(pvc);
    else out.immediate++;
  }
  return out;
}

/** isPVCFullyBound: a volume name and the controller's bind-completed annotation. */
export function isFullyBound(pvc: KubeObject): boolean {
  return !!claimSpec(pvc).volumeName && pvc.metadata.annotations?.[annBindCompleted] !== undefined;
}

/** IsDelayBindingMode: the claim's class exists and says WaitForFirstConsumer. */
export function isDelayBinding(h: Handle, pvc: KubeObject): boolean {
  const cls = claimClass(pvc);
  if (!cls) return false;
  const sc = h.store.get('storageclasses', undefined, cls);
  return !!sc && scOf(sc).volumeBindingMode === 'WaitForFirstConsumer';
}
