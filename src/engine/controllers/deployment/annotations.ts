import type { KubeObject } from '../../api/types.ts';
import {
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  maxRevHistoryLengthInChars,
  maxSurge,
  skipCopyAnnotation,
  specOf,
} from './util.ts';

/** copyDeploymentAnnotationsToReplicaSet: every Deployment annotation except the skipped ones. */
function copyAnnotations(d: KubeObject, rs: KubeObject): boolean {
  let changed = false;
  const ann = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas. Returns true when something changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  if (ann[DesiredReplicasAnnotation] !== String(desired)) {
    ann[DesiredReplicasAnnotation] = String(desired);
    changed = true;
  }
  if (ann[MaxReplicasAnnotation] !== String(max)) {
    ann[MaxReplicasAnnotation] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations;
  if (!ann) return true;
  return ann[DesiredReplicasAnnotation] !== String(desired) || ann[MaxReplicasAnnotation] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to `newRevision` when it is
 * lower (recording the old one in revision-history on a rollback to this ReplicaSet), and for a ReplicaSet about
 * to be created set desired/max replicas. Returns true when `rs` changed.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: string, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const oldRevision = ann[RevisionAnnotation];
  const had = oldRevision !== undefined;
  let oldInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^-?\d+$/.test(oldRevision)) return false;
    oldInt = parseInt(oldRevision, 10);
  }
  const newInt = parseInt(newRevision, 10);
  if (oldInt < newInt) {
    ann[RevisionAnnotation] = newRevision;
    changed = true;
  }
  if (had && oldInt < newInt) {
    const history = ann[RevisionHistoryAnnotation] ?? '';
    let old = history.split(',');
    if (old[0].length === 0) {
      ann[RevisionHistoryAnnotation] = oldRevision!;
    } else {
      let total = history.length + oldRevision!.length + 1;
      let start = 0;
      while (total > maxRevHistoryLengthInChars && start < old.length) {
        total = total - old[start].length - 1;
        start++;
      }
      if (total <= maxRevHistoryLengthInChars) {
        old = [...old.slice(start), oldRevision!];
        ann[RevisionHistoryAnnotation] = old.join(',');
      }
    }
  }
  const spec = specOf(d);
  if (!exists && setReplicasAnnotations(rs, spec.replicas, spec.replicas + maxSurge(spec))) changed = true;
  return changed;
}

/** SetDeploymentRevision: set the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: KubeObject, revision: string): boolean {
  const ann = (d.metadata.annotations ??= {});
  if (ann[RevisionAnnotation] === revision) return false;
  ann[RevisionAnnotation] = revision;
  return true;
}
