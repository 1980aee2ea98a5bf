import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import {
  createControllerRevision,
  deleteRevision,
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
  nextRevision,
  revisionTemplate,
  templatePatch,
  updateRevisionNumber,
  type Revision,
} from '../history/history.ts';
import type { ControllerContext } from '../types.ts';
import { getPodRevision, setSpec } from './identity.ts';

/** newRevision: a revision whose data restores the set's current template; the set's annotations are copied. */
export function newRevision(set: KubeObject, revision: number, collisionCount: number): Revision {
  const template = setSpec(set).template;
  const cr = newControllerRevision(set, template?.metadata?.labels, templatePatch(template), revision, collisionCount);
  cr.metadata.annotations = { ...(set.metadata.annotations ?? {}) };
  return cr;
}

/** ApplyRevision: the set with its template restored from `revision`. */
export function applyRevision(set: KubeObject, revision: Revision): KubeObject {
  const out = clone(set);
  (out.spec as Record<string, unknown>).template = revisionTemplate(revision);
  return out;
}

export interface SetRevisions {
  current: Revision;
  update: Revision;
  collisionCount: number;
}

/**
 * getStatefulSetRevisions: the update revision (the set's template — reused when the latest revision already
 * has it, renumbered when an older one has it, created otherwise) and the current one (status.currentRevision,
 * or the update revision when the history is new). `revisions` must be sorted.
 */
export function getStatefulSetRevisions(ctx: ControllerContext, set: KubeObject, revisions: Revision[]): SetRevisions {
  const status = (set.status ?? {}) as { collisionCount?: number; currentRevision?: string };
  const collision = { count: status.collisionCount ?? 0 };
  let update = newRevision(set, nextRevision(revisions), collision.count);
  const equal = findEqualRevisions(revisions, update);
  if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1];
  } else if (equal.length > 0) {
    update = updateRevisionNumber(ctx, equal[equal.length - 1], update.revision ?? 0);
  } else {
    update = createControllerRevision(ctx, set, update, collision);
  }
  const current = revisions.find((r) => r.metadata.name === status.currentRevision) ?? update;
  return { current, update, collisionCount: collision.count };
}

/**
 * truncateHistory: delete the oldest revisions that are not live (current, update, or the revision of a pod)
 * until at most revisionHistoryLimit remain.
 */
export function truncateHistory(ctx: ControllerContext, set: KubeObject, pods: Iterable<KubeObject>, revisions: Revision[], current: Revision | undefined, update: Revision | undefined): void {
  const live = new Set<string>();
  if (current) live.add(current.metadata.name!);
  if (update) live.add(update.metadata.name!);
  for (const p of pods) live.add(getPodRevision(p));
  const history = revisions.filter((r) => !live.has(r.metadata.name!));
  const limit = setSpec(set).revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) deleteRevision(ctx, r);
}
