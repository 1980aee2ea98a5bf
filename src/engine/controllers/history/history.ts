import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { canonicalJson, computeHash } from '../deployment/hash.ts';
import { controllerRefOf, newControllerRef } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';

/**
 * pkg/controller/history: ControllerRevisions, the immutable snapshots of a StatefulSet's or DaemonSet's pod
 * template that rollouts and `kubectl rollout history/undo` work from.
 */

/** history.ControllerRevisionHashLabel. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';

export interface Revision extends KubeObject {
  data?: unknown;
  revision?: number;
}

/** The data of a revision for a template: a strategic-merge patch that replaces spec.template (getPatch). */
export function templatePatch(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { $patch: 'replace', ...(clone(template ?? {}) as Record<string, unknown>) } } };
}

/** The pod template a revision records (ApplyRevision's effect on spec.template). */
export function revisionTemplate(r: Revision): PodTemplateSpec {
  const t = { ...((r.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) };
  delete t.$patch;
  return clone(t) as PodTemplateSpec;
}

/** HashControllerRevision: FNV-32a of the data and the collision count, safe-encoded (controllers/deployment/hash.ts). */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  return computeHash(data, collisionCount);
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** NewControllerRevision: owned by `parent`, labelled with the template labels and the hash. */
export function newControllerRevision(parent: KubeObject, templateLabels: Record<string, string> | undefined, data: unknown, revision: number, collisionCount: number | undefined): Revision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata.name!, hash),
      namespace: parent.metadata.namespace,
      labels: { ...(templateLabels ?? {}), [ControllerRevisionHashLabel]: hash },
      ownerReferences: [newControllerRef(parent)],
    },
    data,
    revision,
  };
}

/** SortControllerRevisions: by revision, then creation time, then name. */
export function sortRevisions<T extends Revision>(list: T[]): T[] {
  return list.sort((a, b) => {
    const d = (a.revision ?? 0) - (b.revision ?? 0);
    if (d !== 0) return d;
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

/** EqualRevision: the same data (and the same hash label when both carry one). */
export function equalRevision(a: Revision | undefined, b: Revision | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata.labels?.[ControllerRevisionHashLabel];
  const hb = b.metadata.labels?.[ControllerRevisionHashLabel];
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return canonicalJson(a.data) === canonicalJson(b.data);
}

/** FindEqualRevisions. */
export function findEqualRevisions(list: Revision[], needle: Revision): Revision[] {
  return list.filter((r) => equalRevision(r, needle));
}

/** nextRevision: one more than the highest (list sorted), 1 for none. */
export function nextRevision(sorted: Revision[]): number {
  return sorted.length === 0 ? 1 : (sorted[sorted.length - 1].revision ?? 0) + 1;
}

/**
 * ListControllerRevisions: the revisions in the parent's namespace its selector selects that it controls or
 * that nobody controls (orphans, to adopt).
 */
export function listRevisions(ctx: Pick<ControllerContext, 'store'>, parent: KubeObject, selector: LabelSelector | undefined): Revision[] {
  const out: Revision[] = [];
  if (!selector) return out;
  for (const r of ctx.store.list('controllerrevisions', parent.metadata.namespace)) {
    if (!matchesLabelSelector(selector, r.metadata.labels)) continue;
    const ref = controllerRefOf(r);
    if (!ref || ref.uid === parent.metadata.uid) out.push(r as Revision);
  }
  return out;
}

/** AdoptControllerRevision for every orphan in `list`; returns the list with adopted revisions replaced. */
export function adoptOrphanRevisions(ctx: ControllerContext, parent: KubeObject, list: Revision[]): Revision[] {
  return list.map((r) => {
    if (controllerRefOf(r)) return r;
    try {
      return ctx.api.modify('controllerrevisions', r.metadata.namespace, r.metadata.name!, (cur) => {
        cur.metadata.ownerReferences = [...(cur.metadata.ownerReferences ?? []), newControllerRef(parent)];
      }) as Revision;
    } catch {
      return r;
    }
  });
}

/**
 * CreateControllerRevision: create `revision` under a name derived from its hash; on a name collision with
 * different data, bump `collision.count` and try the next name. Returns the created (or identical existing) one.
 */
export function createControllerRevision(ctx: ControllerContext, parent: KubeObject, revision: Revision, collision: { count: number }): Revision {
  for (let attempt = 0; attempt < 100; attempt++) {
    const obj = clone(revision);
    obj.metadata.name = controllerRevisionName(parent.metadata.name!, hashControllerRevision(revision.data, collision.count));
    try {
      return ctx.api.create(obj) as Revision;
    } catch (e) {
      if (!isStatusError(e, 'AlreadyExists')) throw e;
      const exists = ctx.api.get('controllerrevisions', obj.metadata.namespace, obj.metadata.name) as Revision;
      if (canonicalJson(exists.data) === canonicalJson(obj.data)) return exists;
      collision.count++;
    }
  }
  throw new Error('unable to create a ControllerRevision: too many hash collisions');
}

/** UpdateControllerRevision: give an existing revision a new revision number. */
export function updateRevisionNumber(ctx: ControllerContext, r: Revision, revision: number): Revision {
  if (r.revision === revision) return r;
  return ctx.api.modify('controllerrevisions', r.metadata.namespace, r.metadata.name!, (cur) => {
    cur.revision = revision;
  }) as Revision;
}

/** DeleteControllerRevision (a revision already gone is fine). */
export function deleteRevision(ctx: ControllerContext, r: Revision): void {
  try {
    ctx.api.delete('controllerrevisions', r.metadata.namespace, r.metadata.name!);
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw e;
  }
}
