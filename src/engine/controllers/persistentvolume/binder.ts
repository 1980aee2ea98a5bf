import type { NodeSelector } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { pvSpec } from '../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../api/kinds/persistentvolumeclaim.ts';
import { matchesNodeSelector } from '../../scheduler/plugins/nodeaffinity/selector.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { compareQuantities } from '../../util/quantity.ts';
import { claimClass, isVolumeBoundToClaim, volumeClass } from './helpers.ts';

/** A node as the binder sees it: name and labels. */
export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
}

/** True when the volume offers every access mode the claim asks for (the index's allPossibleMatchingAccessModes). */
export function accessModesSatisfied(claim: KubeObject, pv: KubeObject): boolean {
  const have = new Set(pvSpec(pv).accessModes ?? []);
  return (claimSpec(claim).accessModes ?? []).every((m) => have.has(m));
}

/** checkVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMismatch(claim: KubeObject, pv: KubeObject): boolean {
  return (claimSpec(claim).volumeMode ?? 'Filesystem') !== (pvSpec(pv).volumeMode ?? 'Filesystem');
}

/** CheckNodeAffinity: a volume without node affinity fits every node. */
export function volumeFitsNode(pv: KubeObject, node: NodeInfo): boolean {
  const req = pvSpec(pv).nodeAffinity?.required as NodeSelector | undefined;
  if (!req) return true;
  return matchesNodeSelector(req, node.labels, node.name);
}

/**
 * findMatchingVolume (pkg/controller/volume/persistentvolume/index.go): the smallest volume that satisfies
 * the claim — capacity, access modes, volume mode, class, selector, node affinity — or the volume pre-bound
 * to it. With `delayBinding` and no node (the PV controller for a WaitForFirstConsumer claim) only a
 * pre-bound volume is returned: the scheduler binds the rest once it has picked a node.
 */
export function findMatchingVolume(claim: KubeObject, volumes: readonly KubeObject[], node: NodeInfo | undefined, delayBinding: boolean): KubeObject | undefined {
  const spec = claimSpec(claim);
  const requested = spec.resources?.requests?.storage ?? '0';
  const wantClass = claimClass(claim);
  let smallest: KubeObject | undefined;
  for (const pv of volumes) {
    if (!accessModesSatisfied(claim, pv)) continue;
    const size = pvSpec(pv).capacity?.storage ?? '0';
    if (compareQuantities(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const fits = node ? volumeFitsNode(pv, node) : true;
    if (isVolumeBoundToClaim(pv, claim)) return fits ? pv : undefined;
    if (!node && delayBinding) continue;
    if (pvSpec(pv).claimRef) continue;
    if (spec.selector && !matchesLabelSelector(spec.selector as never, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== wantClass) continue;
    if (!fits) continue;
    if (!smallest || compareQuantities(pvSpec(smallest).capacity?.storage ?? '0', size) > 0) smallest = pv;
  }
  return smallest;
}

/**
 * checkVolumeSatisfyClaim: why a volume the user pre-bound (spec.volumeName) cannot serve the claim, or ''.
 */
export function volumeSatisfyClaimError(pv: KubeObject, claim: KubeObject): string {
  const requested = claimSpec(claim).resources?.requests?.storage ?? '0';
  if (compareQuantities(pvSpec(pv).capacity?.storage ?? '0', requested) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, pv)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(claim, pv)) return 'incompatible accessMode';
  return '';
}
