import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { newControllerRef } from '../podcontrol/pods.ts';
import { setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations.ts';
import { getCondition, newCondition, setCondition } from './conditions.ts';
import { component, type DeploymentSync } from './context.ts';
import { computeHash } from './hash.ts';
import {
  DefaultDeploymentUniqueLabelKey,
  Reason,
  RevisionAnnotation,
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  hasProgressDeadline,
  maxRevision,
  maxSurge,
  rsReplicas,
  rsTemplate,
  specOf,
  sumReplicas,
} from './util.ts';

/** getAllReplicaSetsAndSyncRevision: [newRS (maybe created), all old ReplicaSets]. */
export function getAllReplicaSetsAndSyncRevision(s: DeploymentSync, rsList: KubeObject[], createIfNotExisted: boolean): [KubeObject | undefined, KubeObject[]] {
  const list = rsList.map((rs) => s.fresh(rs));
  const [, allOld] = findOldReplicaSets(s.d, list);
  const newRS = getNewReplicaSet(s, list, allOld, createIfNotExisted);
  return [newRS, allOld];
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: KubeObject, allRSs: Array<KubeObject | undefined>, newRS: KubeObject): number {
  const spec = specOf(d);
  if (spec.strategy.type === 'Recreate') return spec.replicas;
  const maxTotal = spec.replicas + maxSurge(spec);
  const current = sumReplicas(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, spec.replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}

/**
 * getNewReplicaSet: sync the existing new ReplicaSet's annotations and the Deployment's revision, or create the
 * new ReplicaSet (`<deployment>-<pod-template-hash>`) when asked to.
 */
function getNewReplicaSet(s: DeploymentSync, rsList: KubeObject[], oldRSs: KubeObject[], createIfNotExisted: boolean): KubeObject | undefined {
  const { ctx, d } = s;
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const spec = s.spec;

  if (existing) {
    // A working copy of what the checks below may change (annotations, spec.minReadySeconds); the rest is
    // shared with the stored object and never written to. The API server copies it on update.
    const copy: KubeObject = {
      ...existing,
      metadata: { ...existing.metadata, annotations: existing.metadata.annotations && { ...existing.metadata.annotations } },
      spec: { ...(existing.spec as object) },
    };
    if (!copy.metadata.annotations) delete copy.metadata.annotations;
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const copySpec = copy.spec as { minReadySeconds?: number };
    if (annotationsUpdated || (copySpec.minReadySeconds ?? 0) !== spec.minReadySeconds) {
      copySpec.minReadySeconds = spec.minReadySeconds;
      return ctx.api.update(copy);
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[RevisionAnnotation] ?? '');
    if (hasProgressDeadline(spec) && !getCondition(s.status, 'Progressing')) {
      setCondition(s.status, newCondition('Progressing', 'True', Reason.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, s.now()));
      needsUpdate = true;
    }
    if (needsUpdate) s.writeStatus();
    return existing;
  }
  if (!createIfNotExisted) return undefined;

  const template = clone(spec.template);
  const hash = computeHash(template, s.status.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = clone(spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash };
  const name = `${s.name}-${hash}`;
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: s.ns, labels: { ...labels }, ownerReferences: [newControllerRef(d)] },
    spec: { replicas: 0, minReadySeconds: spec.minReadySeconds, selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  (rs.spec as { replicas: number }).replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  let created: KubeObject;
  let alreadyExists = false;
  try {
    created = ctx.api.create(rs);
  } catch (e) {
    if (isStatusError(e, 'AlreadyExists')) {
      alreadyExists = true;
      const found = ctx.store.get('replicasets', s.ns, name)!;
      const ref = found.metadata.ownerReferences?.find((r) => r.controller);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(spec.template, rsTemplate(found))) {
        created = found;
      } else {
        // A hash collision: bump collisionCount so the next sync computes a different name.
        s.status.collisionCount = (s.status.collisionCount ?? 0) + 1;
        s.writeStatus();
        throw e;
      }
    } else if (isStatusError(e, 'Forbidden') && e.message.includes('because it is being terminated')) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${name}": ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(spec)) {
        setCondition(s.status, newCondition('Progressing', 'False', Reason.FailedRSCreate, msg, s.now()));
        try {
          s.writeStatus();
        } catch {
          // The bigger problem is reported below.
        }
      }
      ctx.events.warning(d, Reason.FailedRSCreate, msg, { component });
      throw e;
    }
  }
  if (!alreadyExists && replicas > 0) {
    ctx.events.normal(d, 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`, { component });
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(spec)) {
    setCondition(s.status, newCondition('Progressing', 'True', Reason.NewReplicaSet, `Created new replica set "${created.metadata.name}"`, s.now()));
    needsUpdate = true;
  }
  if (needsUpdate) s.writeStatus();
  return created;
}
