import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { canonicalJson, computeHash } from '../deployment/hash.ts';
import { adoptOrphanRevisions, deleteRevision, listRevisions, sortRevisions, templatePatch, updateRevisionNumber, type Revision } from '../history/history.ts';
import { controllerRefOf, newControllerRef } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';

/** apps.DefaultDaemonSetUniqueLabelKey: the template hash on revisions and daemon pods. */
export const DaemonSetHashLabel = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey: the template generation on daemon pods. */
export const TemplateGenerationLabel = 'pod-template-generation';

const templateOf = (ds: KubeObject) => (ds.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;

/** Match: the revision's data is the DaemonSet's current template patch. */
export function matchesDaemonSet(ds: KubeObject, r: Revision): boolean {
  return canonicalOf(r.data) === canonicalOf(templateOf(ds), (t) => templatePatch(t as never));
}

/** Stored revisions and templates are immutable: their canonical JSON is computed once per instance. */
const canonicalCache = new WeakMap<object, string>();
function canonicalOf(o: unknown, view: (o: unknown) => unknown = (x) => x): string {
  if (o === null || typeof o !== 'object') return canonicalJson(view(o));
  let text = canonicalCache.get(o);
  if (text === undefined) canonicalCache.set(o, (text = canonicalJson(view(o))));
  return text;
}

/** controlledHistories: adopt orphan revisions the selector selects, return the ones the DaemonSet controls. */
function controlledHistories(ctx: ControllerContext, ds: KubeObject): Revision[] {
  const sel = (ds.spec as { selector?: LabelSelector } | undefined)?.selector;
  let list = listRevisions(ctx, ds, sel);
  if (list.some((r) => !controllerRefOf(r)) && !ds.metadata.deletionTimestamp) list = adoptOrphanRevisions(ctx, ds, list);
  return list.filter((r) => controllerRefOf(r)?.uid === ds.metadata.uid);
}

/** snapshot: create the revision `<ds>-<hash>`; on a collision with other data, bump status.collisionCount and fail. */
function snapshot(ctx: ControllerContext, ds: KubeObject, revision: number): Revision {
  const collision = (ds.status as { collisionCount?: number } | undefined)?.collisionCount;
  const hash = computeHash(templateOf(ds), collision);
  const name = `${ds.metadata.name}-${hash}`;
  const history: Revision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ds.metadata.namespace,
      labels: { ...(templateOf(ds)?.metadata?.labels ?? {}), [DaemonSetHashLabel]: hash },
      ownerReferences: [newControllerRef(ds)],
    },
    data: templatePatch(templateOf(ds)),
    revision,
  };
  if (ds.metadata.annotations) history.metadata.annotations = { ...ds.metadata.annotations };
  try {
    return ctx.api.create(history) as Revision;
  } catch (e) {
    if (!isStatusError(e, 'AlreadyExists')) throw e;
    const existing = ctx.api.get('controllerrevisions', ds.metadata.namespace, name) as Revision;
    if (matchesDaemonSet(ds, existing)) return existing;
    ctx.api.modify('daemonsets', ds.metadata.namespace, ds.metadata.name!, (cur) => {
      const st = (cur.status ??= {}) as { collisionCount?: number };
      st.collisionCount = (st.collisionCount ?? 0) + 1;
    }, { subresource: 'status' });
    throw e;
  }
}

/**
 * constructHistory: the current revision (created, or renumbered to be the newest) and the old ones. Revisions
 * missing the hash label get their name as the label. When several revisions match, the newest is kept.
 */
export function constructHistory(ctx: ControllerContext, ds: KubeObject): { cur: Revision; old: Revision[]; hash: string } {
  const current: Revision[] = [];
  const old: Revision[] = [];
  for (let h of controlledHistories(ctx, ds)) {
    if (!h.metadata.labels?.[DaemonSetHashLabel]) {
      h = ctx.api.modify('controllerrevisions', h.metadata.namespace, h.metadata.name!, (c) => {
        c.metadata.labels = { ...(c.metadata.labels ?? {}), [DaemonSetHashLabel]: c.metadata.name! };
      }) as Revision;
    }
    (matchesDaemonSet(ds, h) ? current : old).push(h);
  }
  const next = Math.max(0, ...old.map((r) => r.revision ?? 0)) + 1;
  let cur: Revision;
  if (current.length === 0) cur = snapshot(ctx, ds, next);
  else {
    // dedupCurHistories: keep the one with the highest revision, delete the others.
    sortRevisions(current);
    cur = current[current.length - 1];
    for (const d of current.slice(0, -1)) deleteRevision(ctx, d);
    if ((cur.revision ?? 0) < next) cur = updateRevisionNumber(ctx, cur, next);
  }
  return { cur, old, hash: cur.metadata.labels?.[DaemonSetHashLabel] ?? '' };
}

/** cleanupHistory: delete the oldest old revisions no pod uses, beyond revisionHistoryLimit. */
export function cleanupHistory(ctx: ControllerContext, ds: KubeObject, old: Revision[], pods: Iterable<KubeObject>): void {
  const keep = (ds.spec as { revisionHistoryLimit?: number } | undefined)?.revisionHistoryLimit ?? 10;
  let toKill = old.length - keep;
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const p of pods) {
    const h = p.metadata.labels?.[DaemonSetHashLabel];
    if (h) live.add(h);
  }
  for (const r of sortRevisions([...old])) {
    if (toKill <= 0) break;
    if (live.has(r.metadata.labels?.[DaemonSetHashLabel] ?? '')) continue;
    deleteRevision(ctx, r);
    toKill--;
  }
}
