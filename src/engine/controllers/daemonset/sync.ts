import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { templateGenerationOf } from '../../api/kinds/daemonset.ts';
import { scaledValue, type IntOrString } from '../../api/kinds/intorpercent.ts';
import { clone } from '../../store/store.ts';
import { createPod, deletePod, isPodReady, podAvailability, slowStartBatch } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';
import { DaemonSetHashLabel, TemplateGenerationLabel } from './history.ts';
import { addDaemonPodTolerations, nodeShouldRunDaemonPod, replaceNodeNameAffinity } from './predicates.ts';

export const component = 'daemonset-controller';
/** BurstReplicas of the DaemonSet controller. */
export const burstReplicas = 250;

export interface DsSpec {
  template?: PodTemplateSpec;
  minReadySeconds?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
}

export const dsSpec = (ds: KubeObject): DsSpec => (ds.spec ?? {}) as DsSpec;

/** The per-sync view: the DaemonSet, its nodes, its pods by node, the current hash, and time. */
export interface SyncState {
  ctx: ControllerContext;
  ds: KubeObject;
  nodes: KubeObject[];
  byNode: Map<string, KubeObject[]>;
  hash: string;
  now: number;
  /** Called with a virtual ms instant at which the DaemonSet should be synced again. */
  wakeAt(ms: number): void;
}

export function isAvailable(s: SyncState, pod: KubeObject): boolean {
  const r = podAvailability(pod as Pod, dsSpec(s.ds).minReadySeconds ?? 0, s.now, (ts) => s.ctx.clock.parse(ts));
  if (r.becomesAt !== undefined) s.wakeAt(r.becomesAt);
  return r.available;
}

/** IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(ds: KubeObject, pod: KubeObject, hash: string): boolean {
  const labels = pod.metadata.labels ?? {};
  const gen = templateGenerationOf(ds);
  return (hash !== '' && labels[DaemonSetHashLabel] === hash) || (gen > 0 && labels[TemplateGenerationLabel] === String(gen));
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function sortDaemonPods(pods: KubeObject[]): KubeObject[] {
  return pods.sort((a, b) => {
    const an = !!(a.spec as { nodeName?: string } | undefined)?.nodeName;
    const bn = !!(b.spec as { nodeName?: string } | undefined)?.nodeName;
    if (an !== bn) return an ? -1 : 1;
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

const allowsSurge = (ds: KubeObject): boolean => {
  const st = dsSpec(ds).updateStrategy;
  return st?.type === 'RollingUpdate' && (scaledValue(st.rollingUpdate?.maxSurge, 100, true) ?? 0) > 0;
};

/** Failed-pod backoff per DaemonSet and node (flowcontrol.Backoff: 1s doubling to 15m). */
const backoffs = new WeakMap<ControllerContext, Map<string, { delay: number; last: number }>>();
function backoffOf(ctx: ControllerContext): Map<string, { delay: number; last: number }> {
  let m = backoffs.get(ctx);
  if (!m) backoffs.set(ctx, (m = new Map()));
  return m;
}

/** podsShouldBeOnNode: which nodes need a pod and which pods must go. */
function podsShouldBeOnNode(s: SyncState, node: KubeObject, create: string[], del: string[]): void {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, s.ds);
  const name = node.metadata.name!;
  const pods = s.byNode.get(name);
  if (shouldRun && !pods) {
    create.push(name);
    return;
  }
  if (shouldContinueRunning) {
    const running: KubeObject[] = [];
    for (const pod of pods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      const phase = (pod as Pod).status?.phase;
      if (phase === 'Failed') {
        const key = `${s.ds.metadata.uid}/${name}`;
        const bo = backoffOf(s.ctx);
        const entry = bo.get(key);
        if (entry && s.now - entry.last < entry.delay) {
          s.wakeAt(entry.last + entry.delay);
          continue;
        }
        const delay = entry && s.now - entry.last < 2 * 15 * 60_000 ? Math.min(entry.delay * 2, 15 * 60_000) : 1000;
        bo.set(key, { delay, last: s.now });
        s.ctx.events.warning(s.ds, 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`, { component });
        del.push(pod.metadata.name!);
      } else if (phase === 'Succeeded') del.push(pod.metadata.name!);
      else running.push(pod);
    }
    if (!allowsSurge(s.ds)) {
      if (running.length <= 1) return;
      sortDaemonPods(running);
      for (const p of running.slice(1)) del.push(p.metadata.name!);
      return;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) create.push(name);
      return;
    }
    // Surging: keep the oldest new pod, and the oldest old pod until the new one is available.
    let oldestNew: KubeObject | undefined;
    let oldestOld: KubeObject | undefined;
    for (const p of sortDaemonPods(running)) {
      if (p.metadata.labels?.[DaemonSetHashLabel] === s.hash) {
        if (!oldestNew) {
          oldestNew = p;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = p;
        continue;
      }
      del.push(p.metadata.name!);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld as Pod) || isAvailable(s, oldestNew))) del.push(oldestOld.metadata.name!);
    return;
  }
  if (pods) for (const p of pods) if (!p.metadata.deletionTimestamp) del.push(p.metadata.name!);
}

/** manage: create daemon pods where missing, delete them where they must not run. */
export function manage(s: SyncState): void {
  const create: string[] = [];
  const del: string[] = [];
  for (const node of s.nodes) podsShouldBeOnNode(s, node, create, del);
  // getUnscheduledPodsWithoutNode: pods aimed at a node that no longer exists.
  const known = new Set(s.nodes.map((n) => n.metadata.name!));
  for (const [node, pods] of s.byNode) {
    if (known.has(node)) continue;
    for (const p of pods) if (!(p.spec as { nodeName?: string } | undefined)?.nodeName) del.push(p.metadata.name!);
  }
  syncNodes(s, del, create);
}

/** syncNodes: delete then create (in slow-start batches), at most burstReplicas of each per sync. */
export function syncNodes(s: SyncState, podsToDelete: string[], nodesNeedingPods: string[]): void {
  const { ctx, ds } = s;
  const ns = ds.metadata.namespace!;
  const creates = nodesNeedingPods.slice(0, burstReplicas);
  const deletes = podsToDelete.slice(0, burstReplicas);
  const template = daemonPodTemplate(ds, s.hash);
  let first: unknown;
  let i = 0;
  const r = slowStartBatch(creates.length, 1, () => {
    const t = clone(template) as Mut<PodTemplateSpec>;
    const spec = (t.spec ??= {} as never);
    spec.affinity = replaceNodeNameAffinity(spec.affinity, creates[i++]);
    createPod(ctx, ns, t as PodTemplateSpec, ds, component);
  });
  first ??= r.error;
  for (const name of deletes) {
    try {
      deletePod(ctx, ns, name, ds, component);
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== undefined) throw first;
}

/** CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function daemonPodTemplate(ds: KubeObject, hash: string): PodTemplateSpec {
  const t = clone(dsSpec(ds).template ?? {}) as Mut<PodTemplateSpec>;
  addDaemonPodTolerations((t.spec ??= {} as never));
  const meta = (t.metadata ??= {});
  meta.labels = { ...(meta.labels ?? {}), [TemplateGenerationLabel]: String(templateGenerationOf(ds)) };
  if (hash) meta.labels[DaemonSetHashLabel] = hash;
  return t as PodTemplateSpec;
}

/** The desired node count and the rollout's maxSurge / maxUnavailable (updatedDesiredNodeCounts). */
function desiredCounts(s: SyncState): { desired: number; maxSurge: number; maxUnavailable: number } {
  let desired = 0;
  for (const n of s.nodes) {
    if (!nodeShouldRunDaemonPod(n, s.ds).shouldRun) continue;
    desired++;
    if (!s.byNode.has(n.metadata.name!)) s.byNode.set(n.metadata.name!, []);
  }
  const ru = dsSpec(s.ds).updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, true) ?? 0;
  const maxSurge = scaledValue(ru?.maxSurge, desired, true) ?? 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { desired, maxSurge, maxUnavailable };
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, else `ok` false. */
function updatedPodsOnNode(s: SyncState, pods: KubeObject[]): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(s.ds, p, s.hash)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** rollingUpdate (update.go): replace old pods within maxUnavailable, or surge new ones within maxSurge. */
export function rollingUpdate(s: SyncState): void {
  const { desired, maxSurge, maxUnavailable } = desiredCounts(s);
  const nodeNames = [...s.byNode.keys()].sort();
  if (maxSurge === 0) {
    let unavailable = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    for (const node of nodeNames) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(s, s.byNode.get(node)!);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        unavailable++;
        continue;
      }
      if (newPod) {
        if (!isAvailable(s, newPod)) unavailable++;
        continue;
      }
      if (!isAvailable(s, oldPod!)) {
        allowed.push(oldPod!.metadata.name!);
        unavailable++;
      } else if (unavailable < maxUnavailable) candidates.push(oldPod!.metadata.name!);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    syncNodes(s, [...allowed, ...candidates.slice(0, remaining)], []);
    return;
  }
  const oldToDelete: string[] = [];
  const shouldNotRun: string[] = [];
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  let surge = 0;
  let available = 0;
  const nodeByName = new Map(s.nodes.map((n) => [n.metadata.name!, n]));
  for (const node of nodeNames) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(s, s.byNode.get(node)!);
    if (!ok) {
      surge++;
      continue;
    }
    if (oldPod ? isAvailable(s, oldPod) : newPod ? isAvailable(s, newPod) : false) available++;
    if (!oldPod) continue;
    const n = nodeByName.get(node);
    const runs = n ? nodeShouldRunDaemonPod(n, s.ds).shouldRun : false;
    if (!newPod) {
      if (!isAvailable(s, oldPod)) {
        if (!runs) oldToDelete.push(oldPod.metadata.name!);
        else allowedNodes.push(node);
      } else if (!runs) shouldNotRun.push(oldPod.metadata.name!);
      else if (surge < maxSurge) candidateNodes.push(node);
      continue;
    }
    if (!isAvailable(s, newPod)) {
      surge++;
      continue;
    }
    oldToDelete.push(oldPod.metadata.name!);
  }
  const deletable = Math.min(Math.max(0, available - desired), shouldNotRun.length);
  oldToDelete.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - surge), candidateNodes.length);
  syncNodes(s, oldToDelete, [...allowedNodes, ...candidateNodes.slice(0, remaining)]);
}
