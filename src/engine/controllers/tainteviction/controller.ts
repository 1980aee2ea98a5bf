import type { PodCondition, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import type { TimerId } from '../../clock/clock.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { toleratesTaint } from '../../scheduler/plugins/helper/taints.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { podsByNode } from '../nodelifecycle/podindex.ts';
import { taintsOf, type TaintLike } from '../nodelifecycle/taints.ts';
import type { Controller, ControllerContext } from '../types.ts';

const SOURCE = { component: 'taint-eviction-controller' };

/** A scheduled eviction (TimedWorker); `fired` once the pod was deleted, kept until cancelled as upstream does. */
interface Work {
  createdAt: number;
  fireAt: number;
  timer?: TimerId;
  fired: boolean;
}

function noExecuteTaints(node: KubeObject | undefined): TaintLike[] {
  return node ? taintsOf(node).filter((t) => t.effect === 'NoExecute') : [];
}

function tolerationsOf(pod: KubeObject | undefined): Toleration[] {
  return ((pod?.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []) as Toleration[];
}

function nodeNameOf(o: KubeObject | undefined): string {
  return (o?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

/** v1helper.GetMatchingTolerations: whether every taint is tolerated, and the tolerations used. */
export function matchingTolerations(taints: TaintLike[], tolerations: Toleration[]): { all: boolean; used: Toleration[] } {
  if (taints.length === 0) return { all: true, used: [] };
  if (tolerations.length === 0) return { all: false, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint as never));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: the smallest tolerationSeconds (ms), 0 for none or non-positive, -1 for forever. */
export function minTolerationMs(tolerations: Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/**
 * The taint eviction controller (pkg/controller/tainteviction, "taint-eviction-controller" in 1.32): pods on a
 * node with NoExecute taints they do not tolerate are deleted at once; pods that tolerate them for
 * `tolerationSeconds` are deleted when that time is up (the shortest of the tolerations used), unless the
 * taints go first. Each deletion is announced with a `TaintManagerEviction` event ("Marking for deletion Pod
 * ns/name"), each cancellation with "Cancelling deletion of Pod ns/name"; the pod gets the DisruptionTarget
 * condition before it is deleted.
 */
export function taintEvictionController(rt: ClusterRuntime): Controller {
  const tainted = new Map<string, TaintLike[]>();
  const work = new Map<string, Work>();
  const index = podsByNode(rt);
  let enqueue: (key: string) => void = () => {};

  const nodeKeys = (ev: StoreEvent): string[] => {
    if (ev.type === 'MODIFIED' && deepEqual(noExecuteTaints(ev.oldObject), noExecuteTaints(ev.object))) return [];
    return [`node:${ev.object.metadata.name}`];
  };
  const podKeys = (ev: StoreEvent): string[] => {
    if (ev.type === 'MODIFIED' && nodeNameOf(ev.oldObject) === nodeNameOf(ev.object) && deepEqual(tolerationsOf(ev.oldObject), tolerationsOf(ev.object))) return [];
    return [`pod:${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
  };

  return {
    name: 'taint-eviction',
    watches: [
      { resource: 'nodes', keys: nodeKeys },
      { resource: 'pods', keys: podKeys },
    ],
    start(ctx, enq) {
      enqueue = enq;
      for (const n of ctx.store.list('nodes')) if (noExecuteTaints(n).length > 0) enq(`node:${n.metadata.name}`);
    },
    reconcile(key, ctx) {
      if (key.startsWith('node:')) handleNodeUpdate(ctx, key.slice(5));
      else if (key.startsWith('pod:')) handlePodUpdate(ctx, key.slice(4));
      else if (key.startsWith('evict:')) evict(ctx, key.slice(6));
    },
  };

  function handleNodeUpdate(ctx: ControllerContext, name: string): void {
    const node = ctx.store.get('nodes', undefined, name);
    if (!node) {
      tainted.delete(name);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) tainted.delete(name);
    else tainted.set(name, taints);
    const pods = index.podsOn(name);
    if (taints.length === 0) {
      for (const p of pods) cancelWithEvent(ctx, podKey(p));
      return;
    }
    for (const p of pods) processPodOnNode(ctx, podKey(p), tolerationsOf(p), taints);
  }

  function handlePodUpdate(ctx: ControllerContext, key: string): void {
    const i = key.indexOf('/');
    const pod = ctx.store.get('pods', key.slice(0, i), key.slice(i + 1));
    if (!pod) {
      cancelWithEvent(ctx, key);
      return;
    }
    const taints = tainted.get(nodeNameOf(pod));
    if (!taints) return;
    processPodOnNode(ctx, key, tolerationsOf(pod), taints);
  }

  function processPodOnNode(ctx: ControllerContext, key: string, tolerations: Toleration[], taints: TaintLike[]): void {
    const now = ctx.clock.now();
    if (taints.length === 0) cancelWithEvent(ctx, key);
    const { all, used } = matchingTolerations(taints, tolerations);
    if (!all) {
      cancelWithEvent(ctx, key);
      addWork(ctx, key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      cancelWithEvent(ctx, key);
      return;
    }
    let start = now;
    const existing = work.get(key);
    if (existing) {
      start = existing.createdAt;
      if (start + min < now + min) return;
      cancelWithEvent(ctx, key);
    }
    addWork(ctx, key, start, start + min);
  }

  function addWork(ctx: ControllerContext, key: string, createdAt: number, fireAt: number): void {
    if (work.has(key)) return;
    const w: Work = { createdAt, fireAt, fired: false };
    w.timer = ctx.clock.schedule(() => enqueue(`evict:${key}`), Math.max(0, fireAt - ctx.clock.now()), { background: true, label: `taint-eviction:${key}` });
    work.set(key, w);
  }

  function cancelWithEvent(ctx: ControllerContext, key: string): void {
    const w = work.get(key);
    if (!w) return;
    work.delete(key);
    if (w.fired) return;
    ctx.clock.cancel(w.timer);
    ctx.events.normal(podRef(key), 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, SOURCE);
  }

  /** deletePodHandler: announce, mark DisruptionTarget, delete with the pod's own grace period. */
  function evict(ctx: ControllerContext, key: string): void {
    const w = work.get(key);
    if (!w || w.fired) return;
    w.fired = true;
    ctx.events.normal(podRef(key), 'TaintManagerEviction', `Marking for deletion Pod ${key}`, SOURCE);
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    const pod = ctx.store.get('pods', ns, name);
    if (!pod) return;
    const conds = ((pod.status as { conditions?: Array<Mut<PodCondition>> } | undefined)?.conditions ?? []);
    const dt = conds.find((c) => c.type === 'DisruptionTarget');
    if (!dt || dt.status !== 'True' || dt.reason !== 'DeletionByTaintManager') {
      const next = clone(pod);
      const status = (next.status ??= {}) as { conditions?: Array<Mut<PodCondition>> };
      const rest = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      rest.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: ctx.clock.timestamp(),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
      status.conditions = rest;
      try {
        ctx.api.updateStatus(next, { owned: true });
      } catch {
        // Deleted meanwhile: nothing left to do.
      }
    }
    try {
      ctx.api.delete('pods', ns, name);
    } catch {
      // Already gone.
    }
  }
}

function podKey(p: KubeObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

/** The reference the taint eviction controller records events against: kind, name and namespace, no uid. */
function podRef(key: string): KubeObject {
  const i = key.indexOf('/');
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: key.slice(0, i), name: key.slice(i + 1) } };
}
