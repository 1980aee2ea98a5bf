import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { newControllerRef } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';
import { claimName, getOrdinal, identityMatches, podClaims, podInOrdinalRange, setSpec, storageMatches, updateIdentity, updateStorage, type PodObj } from './identity.ts';

/** StatefulPodControl: pod and claim writes with the controller's events (stateful_pod_control.go). */

export const component = 'statefulset-controller';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const title = (verb: string): string => verb[0].toUpperCase() + verb.slice(1);

/** recordPodEvent: `create Pod web-0 in StatefulSet web successful`, or `... failed error: <err>`. */
export function recordPodEvent(ctx: ControllerContext, verb: string, set: KubeObject, pod: KubeObject, err?: unknown): void {
  const name = pod.metadata.name;
  if (err === undefined) ctx.events.normal(set, `Successful${title(verb)}`, `${verb} Pod ${name} in StatefulSet ${set.metadata.name} successful`, { component });
  else ctx.events.warning(set, `Failed${title(verb)}`, `${verb} Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${errText(err)}`, { component });
}

/** recordClaimEvent: `create Claim www-web-0 Pod web-0 in StatefulSet web success`. */
function recordClaimEvent(ctx: ControllerContext, verb: string, set: KubeObject, pod: KubeObject, claim: string, err?: unknown): void {
  const sname = set.metadata.name;
  if (err === undefined) ctx.events.normal(set, `Successful${title(verb)}`, `${verb} Claim ${claim} Pod ${pod.metadata.name} in StatefulSet ${sname} success`, { component });
  else ctx.events.warning(set, `Failed${title(verb)}`, `${verb} Claim ${claim} for Pod ${pod.metadata.name} in StatefulSet ${sname} failed error: ${errText(err)}`, { component });
}

/** createPersistentVolumeClaims: create the pod's missing claims; throws the aggregated errors. */
export function createClaims(ctx: ControllerContext, set: KubeObject, pod: KubeObject): void {
  const errs: string[] = [];
  for (const claim of podClaims(set, pod).values()) {
    const name = claim.metadata.name!;
    const existing = ctx.store.get('persistentvolumeclaims', claim.metadata.namespace, name);
    if (!existing) {
      try {
        ctx.api.create(claim);
        recordClaimEvent(ctx, 'create', set, pod, name);
      } catch (e) {
        errs.push(`failed to create PVC ${name}: ${errText(e)}`);
        if (!isStatusError(e, 'AlreadyExists')) recordClaimEvent(ctx, 'create', set, pod, name, e);
      }
    } else if (existing.metadata.deletionTimestamp) {
      errs.push(`pvc ${name} is being deleted`);
    }
  }
  if (errs.length === 1) throw new Error(errs[0]);
  if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
}

/** CreateStatefulPod: claims first, then the pod, then the claims' retention owner references. */
export function createStatefulPod(ctx: ControllerContext, set: KubeObject, pod: PodObj): KubeObject {
  try {
    createClaims(ctx, set, pod);
  } catch (e) {
    recordPodEvent(ctx, 'create', set, pod, e);
    throw e;
  }
  let created: KubeObject;
  try {
    created = ctx.api.create(pod);
  } catch (e) {
    if (!isStatusError(e, 'AlreadyExists')) recordPodEvent(ctx, 'create', set, pod, e);
    throw e;
  }
  try {
    updateClaimsForRetentionPolicy(ctx, set, created);
  } catch (e) {
    recordPodEvent(ctx, 'update', set, created, e);
    throw e;
  }
  recordPodEvent(ctx, 'create', set, created);
  return created;
}

/** DeleteStatefulPod. */
export function deleteStatefulPod(ctx: ControllerContext, set: KubeObject, pod: KubeObject): void {
  try {
    ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name!);
  } catch (e) {
    recordPodEvent(ctx, 'delete', set, pod, e);
    throw e;
  }
  recordPodEvent(ctx, 'delete', set, pod);
}

/** UpdateStatefulPod: restore identity, storage and claim ownership when they drifted. */
export function updateStatefulPod(ctx: ControllerContext, set: KubeObject, stored: PodObj): void {
  const pod = clone(stored);
  let consistent = true;
  try {
    if (!identityMatches(set, pod)) {
      updateIdentity(set, pod);
      consistent = false;
    }
    if (!storageMatches(set, pod)) {
      updateStorage(set, pod);
      consistent = false;
      createClaims(ctx, set, pod);
    }
    if (!claimsMatchRetentionPolicy(ctx, set, pod)) {
      updateClaimsForRetentionPolicy(ctx, set, pod);
      consistent = false;
    }
  } catch (e) {
    recordPodEvent(ctx, 'update', set, pod, e);
    throw e;
  }
  if (consistent) return;
  try {
    ctx.api.update(pod);
  } catch (e) {
    recordPodEvent(ctx, 'update', set, pod, e);
    throw e;
  }
  recordPodEvent(ctx, 'update', set, pod);
}

// --- PersistentVolumeClaim retention (StatefulSetAutoDeletePVC, on by default in 1.32) ---

function policyOf(set: KubeObject): { whenDeleted: string; whenScaled: string } {
  const p = setSpec(set).persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: p.whenDeleted ?? 'Retain', whenScaled: p.whenScaled ?? 'Retain' };
}

const refMatches = (r: OwnerReference, o: KubeObject): boolean => r.apiVersion === o.apiVersion && r.kind === o.kind && r.name === o.metadata.name;
const hasOwnerRef = (claim: KubeObject, owner: KubeObject): boolean => (claim.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
const hasStaleOwnerRef = (claim: KubeObject, owner: KubeObject): boolean => {
  const r = (claim.metadata.ownerReferences ?? []).find((x) => refMatches(x, owner));
  return !!r && r.uid !== owner.metadata.uid;
};

function hasUnexpectedController(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  const p = policyOf(set);
  if (p.whenDeleted === 'Retain' && p.whenScaled === 'Retain') return false;
  for (const r of claim.metadata.ownerReferences ?? []) {
    if (refMatches(r, set)) {
      if (r.uid !== set.metadata.uid) return true;
      continue;
    }
    if (refMatches(r, pod)) {
      if (r.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (r.controller) return true;
  }
  return false;
}

/** isClaimOwnerUpToDate: the claim's owners follow the policy (set owns on whenDeleted=Delete, a condemned pod on whenScaled=Delete). */
function claimOwnerUpToDate(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  if (hasStaleOwnerRef(claim, set) || hasStaleOwnerRef(claim, pod)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  for (const r of claim.metadata.ownerReferences ?? []) {
    if ((r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller) return false;
  }
  const p = policyOf(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const wantSet = p.whenDeleted === 'Delete' && !(p.whenScaled === 'Delete' && scaledDown);
  const wantPod = p.whenScaled === 'Delete' && scaledDown;
  return hasOwnerRef(claim, set) === wantSet && hasOwnerRef(claim, pod) === wantPod;
}

function ownerRefsFor(claim: KubeObject, set: KubeObject, pod: KubeObject): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = (claim.metadata.ownerReferences ?? []).filter((r) => !refMatches(r, set) && !refMatches(r, pod));
  if (unexpected) return refs;
  const p = policyOf(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (p.whenScaled === 'Delete' && scaledDown) refs.push(newControllerRef(pod));
  else if (p.whenDeleted === 'Delete') refs.push(newControllerRef(set));
  return refs;
}

function eachClaim(ctx: ControllerContext, set: KubeObject, pod: KubeObject, fn: (claim: KubeObject) => boolean | void): boolean {
  const ordinal = getOrdinal(pod);
  for (const t of setSpec(set).volumeClaimTemplates ?? []) {
    const claim = ctx.store.get('persistentvolumeclaims', set.metadata.namespace, claimName(set, (t.metadata?.name as string) ?? '', ordinal));
    if (claim && fn(claim) === false) return false;
  }
  return true;
}

/** ClaimsMatchRetentionPolicy. */
export function claimsMatchRetentionPolicy(ctx: ControllerContext, set: KubeObject, pod: KubeObject): boolean {
  return eachClaim(ctx, set, pod, (c) => claimOwnerUpToDate(c, set, pod));
}

/** UpdatePodClaimForRetentionPolicy: rewrite the owner references of the pod's claims where needed. */
export function updateClaimsForRetentionPolicy(ctx: ControllerContext, set: KubeObject, pod: KubeObject): void {
  eachClaim(ctx, set, pod, (claim) => {
    if (hasUnexpectedController(claim, set, pod)) {
      ctx.events.warning(
        set,
        'ConflictingController',
        `PersistentVolumeClaim ${claim.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        { component },
      );
    }
    if (claimOwnerUpToDate(claim, set, pod)) return;
    try {
      ctx.api.modify('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!, (cur) => {
        const refs = ownerRefsFor(cur, set, pod);
        if (refs.length > 0) cur.metadata.ownerReferences = refs;
        else delete cur.metadata.ownerReferences;
      });
    } catch (e) {
      throw new Error(`could not update claim ${claim.metadata.name} for delete policy ownerRefs: ${errText(e)}`);
    }
  });
}

/** PodClaimIsStale: with whenScaled=Delete, a claim still owned by an earlier pod of the same name blocks creation. */
export function podClaimIsStale(ctx: ControllerContext, set: KubeObject, pod: KubeObject): boolean {
  if (policyOf(set).whenScaled === 'Retain') return false;
  for (const c of podClaims(set, pod).values()) {
    const pvc = ctx.store.get('persistentvolumeclaims', c.metadata.namespace, c.metadata.name!);
    if (pvc && hasStaleOwnerRef(pvc, pod)) return true;
  }
  return false;
}
