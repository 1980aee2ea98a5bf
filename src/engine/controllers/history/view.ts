import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ApiServer } from '../../api/server.ts';
import type { KubeObject } from '../../api/types.ts';
import { canonicalJson } from '../deployment/hash.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { controllerRefOf } from '../podcontrol/pods.ts';
import { revisionTemplate, sortRevisions, type Revision } from './history.ts';

/**
 * What `kubectl rollout history` and `rollout undo` need for StatefulSets and DaemonSets (kubectl's
 * polymorphichelpers/history.go and rollback.go), for the rollout command to call.
 */

/** kubernetes.io/change-cause, as kubectl reads it from each revision. */
export const ChangeCauseAnnotation = 'kubernetes.io/change-cause';

/** controlledHistory: the revisions the owner's selector selects and the owner controls, sorted by revision. */
export function controlledRevisions(api: ApiServer, owner: KubeObject): Revision[] {
  const sel = (owner.spec as { selector?: LabelSelector } | undefined)?.selector;
  if (!sel) return [];
  const out = api
    .list('controllerrevisions', owner.metadata.namespace)
    .filter((r) => matchesLabelSelector(sel, r.metadata.labels) && controllerRefOf(r)?.uid === owner.metadata.uid) as Revision[];
  return sortRevisions(out);
}

/**
 * printHistory: with `revision` 0 the REVISION / CHANGE-CAUSE table (tabwriter minwidth 0, padding 2), else the
 * pod template of that revision rendered by `printTemplate` (kubectl's DescribePodTemplate). Throws
 * `unable to find the specified revision` for an unknown revision.
 */
export function viewRevisionHistory(api: ApiServer, owner: KubeObject, revision: number, printTemplate: (t: PodTemplateSpec) => string): string {
  const byRevision = new Map<number, Revision>();
  for (const r of controlledRevisions(api, owner)) byRevision.set(r.revision ?? 0, r);
  if (byRevision.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const r = byRevision.get(revision);
    if (!r) throw new Error('unable to find the specified revision');
    return printTemplate(revisionTemplate(r));
  }
  const rows: Array<[string, string]> = [['REVISION', 'CHANGE-CAUSE']];
  for (const n of [...byRevision.keys()].sort((a, b) => a - b)) {
    rows.push([String(n), byRevision.get(n)!.metadata.annotations?.[ChangeCauseAnnotation] || '<none>']);
  }
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([a, b]) => `${a.padEnd(width)}${b}\n`).join('');
}

/** The outcome of a rollback: the template to restore (patch spec.template with it), or a skip message. */
export type RollbackPlan = { kind: 'restore'; template: PodTemplateSpec; revision: Revision } | { kind: 'skip'; message: string };

/**
 * StatefulSetRollbacker / DaemonSetRollbacker: pick the revision (`toRevision` 0 = the one before the latest),
 * and say whether the current template already matches it. Throws kubectl's errors:
 * `unable to find specified revision N in history`, `no last revision to roll back to`.
 */
export function planRollback(api: ApiServer, owner: KubeObject, toRevision: number): RollbackPlan {
  if (toRevision < 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
  const list = controlledRevisions(api, owner);
  if (toRevision === 0 && list.length <= 1) throw new Error('no last revision to roll back to');
  const target = toRevision === 0 ? list[list.length - 2] : list.find((r) => r.revision === toRevision);
  if (!target) throw new Error(`unable to find specified revision ${toRevision} in history`);
  const template = revisionTemplate(target);
  const current = (owner.spec as { template?: unknown } | undefined)?.template;
  if (canonicalJson(current) === canonicalJson(template)) {
    return { kind: 'skip', message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  return { kind: 'restore', template, revision: target };
}
