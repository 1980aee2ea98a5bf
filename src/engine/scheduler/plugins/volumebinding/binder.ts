import type { KubeObject } from '../../../api/types.ts';
import { pvSpec, pvStatus } from '../../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../../api/kinds/storageclass.ts';
import { findMatchingVolume, volumeFitsNode, type NodeInfo } from '../../../controllers/persistentvolume/binder.ts';
import { annSelectedNode, claimClass } from '../../../controllers/persistentvolume/helpers.ts';
import type { Handle } from '../../framework/interfaces.ts';
import { compareQuantities } from '../../../util/quantity.ts';
import type { PodVolumeClaims } from './claims.ts';
import { matchTopologySelectorTerms } from './topology.ts';

export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonNotEnoughSpace = 'node(s) did not have enough free storage';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** volume.NotSupportedProvisioner: classes of statically provisioned volumes only. */
export const NotSupportedProvisioner = 'kubernetes.io/no-provisioner';

/** What binding a pod's volumes on one node takes (upstream's PodVolumes). */
export interface PodVolumes {
  /** Unbound claims matched to an available volume. */
  staticBindings: Array<{ pv: KubeObject; claim: KubeObject }>;
  /** Unbound claims to provision on this node. */
  dynamicProvisions: KubeObject[];
}

export type FindResult = { reasons: string[]; volumes?: PodVolumes } | { error: string };

/**
 * FindPodVolumes (volumebinding/binder.go) for one node: bound claims' volumes must allow the node;
 * unbound WaitForFirstConsumer claims need an available matching volume there (smallest claims first, a
 * volume serving one claim only) or a class that can provision in the node's topology. A claim already
 * given a selected node only fits that node. `taken(pv, claim)` reports volumes assumed by other pods.
 */
export function findPodVolumes(h: Handle, claims: PodVolumeClaims, node: NodeInfo, volumes: readonly KubeObject[], taken: (pv: string, claim: KubeObject) => boolean): FindResult {
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  const out: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
  for (const pvc of claims.bound) {
    const pv = h.store.get('persistentvolumes', undefined, claimSpec(pvc).volumeName!);
    if (!pv) {
      boundFound = false;
      break;
    }
    if (!volumeFitsNode(pv, node)) {
      boundSatisfied = false;
      break;
    }
  }
  const toProvision: KubeObject[] = [];
  const toMatch: KubeObject[] = [];
  for (const pvc of claims.delayed) {
    const sel = pvc.metadata.annotations?.[annSelectedNode];
    if (sel === undefined) toMatch.push(pvc);
    else if (sel !== node.name) return { reasons: reasons(boundSatisfied, false, true, boundFound) };
    else toProvision.push(pvc);
  }
  if (toMatch.length) {
    const sorted = toMatch.length > 1 ? [...toMatch].sort((a, b) => compareQuantities(req(a), req(b))) : toMatch;
    const chosen = new Set<string>();
    for (const pvc of sorted) {
      const candidates = volumes.filter((pv) => !chosen.has(pv.metadata.name!) && !taken(pv.metadata.name!, pvc) && pvStatus(pv).phase === 'Available');
      const pv = findMatchingVolume(pvc, candidates, node, true);
      if (!pv) {
        unboundSatisfied = false;
        toProvision.push(pvc);
        continue;
      }
      chosen.add(pv.metadata.name!);
      out.staticBindings.push({ pv, claim: pvc });
    }
  }
  if (toProvision.length) {
    unboundSatisfied = true;
    for (const pvc of toProvision) {
      const cls = claimClass(pvc);
      if (!cls) return { error: `no class for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"` };
      const sc = h.store.get('storageclasses', undefined, cls);
      if (!sc) return { error: `failed to find storage class "${cls}"` };
      const p = scOf(sc).provisioner ?? '';
      if (p === '' || p === NotSupportedProvisioner || !matchTopologySelectorTerms(scOf(sc).allowedTopologies, node.labels)) {
        unboundSatisfied = false;
        out.dynamicProvisions = [];
        break;
      }
      out.dynamicProvisions.push(pvc);
    }
  }
  const r = reasons(boundSatisfied, unboundSatisfied, true, boundFound);
  return r.length ? { reasons: r } : { reasons: r, volumes: out };
}

const req = (pvc: KubeObject) => claimSpec(pvc).resources?.requests?.storage ?? '0';

/** The reasons in upstream's order (FindPodVolumes' deferred block). */
function reasons(boundSatisfied: boolean, unboundSatisfied: boolean, sufficientStorage: boolean, boundFound: boolean): string[] {
  const r: string[] = [];
  if (!boundSatisfied) r.push(ErrReasonNodeConflict);
  if (!unboundSatisfied) r.push(ErrReasonBindConflict);
  if (!sufficientStorage) r.push(ErrReasonNotEnoughSpace);
  if (!boundFound) r.push(ErrReasonPVNotExist);
  return r;
}

/** Volumes the matching considers: those of the claims' classes (the PV cache's per-class index). */
export function volumesForClaims(h: Handle, claims: readonly KubeObject[]): KubeObject[] {
  const classes = new Set(claims.map(claimClass));
  return h.store.list('persistentvolumes').filter((pv) => classes.has(pvSpec(pv).storageClassName ?? '') || classes.has(pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '\0'));
}
