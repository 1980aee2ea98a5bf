import type { KubeObject } from '../api/types.ts';
import { keyOf, splitKey, type Controller } from '../controllers/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { StoreEvent } from '../store/store.ts';
import { NodeAgent } from './node.ts';
import { PodWorker } from './worker.ts';

const NODE_PREFIX = 'node:';
const VOLUMES_KEY = 'volumes:wake';
/** Objects whose changes may unblock a pod's volume setup. */
const VOLUME_SOURCES = ['configmaps', 'secrets', 'persistentvolumeclaims', 'persistentvolumes', 'volumeattachments'];

function nodeNameOf(o: KubeObject | undefined): string | undefined {
  return (o?.spec as { nodeName?: string } | undefined)?.nodeName || undefined;
}

/**
 * All kubelets of the cluster: one NodeAgent per Node, one PodWorker per pod bound to a node. Store events
 * become keys (level-based, de-duplicated); `sync` compares the pod with its worker and acts.
 */
export class KubeletManager {
  readonly nodes = new Map<string, NodeAgent>();
  readonly workers = new Map<string, PodWorker>();
  /** The same workers by pod UID (the UID strings come from stored pods, so lookups hash nothing new). */
  private readonly byUid = new Map<string, PodWorker>();

  constructor(readonly rt: ClusterRuntime) {}

  controller(): Controller {
    return {
      name: 'kubelet',
      watches: [
        {
          resource: 'pods',
          keys: (ev: StoreEvent) => {
            // Most pod events are the kubelets' own status writes: recognised without building a key.
            if (ev.type === 'MODIFIED' && this.syncIsNoop(ev.object, ev.oldObject!)) return [];
            if (!nodeNameOf(ev.object) && !nodeNameOf(ev.oldObject)) return [];
            return [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)];
          },
        },
        { resource: 'nodes', keys: (ev: StoreEvent) => [NODE_PREFIX + ev.object.metadata.name] },
        ...VOLUME_SOURCES.map((resource) => ({ resource, keys: () => (this.hasVolumeWaiters() ? [VOLUMES_KEY] : []) })),
      ],
      start: (ctx, enqueue) => {
        for (const n of ctx.store.list('nodes')) enqueue(NODE_PREFIX + n.metadata.name);
        for (const p of ctx.store.list('pods')) if (nodeNameOf(p)) enqueue(keyOf(p.metadata.namespace, p.metadata.name!));
      },
      reconcile: (key) => {
        if (key === VOLUMES_KEY) this.wakeVolumeWaiters();
        else if (key.startsWith(NODE_PREFIX)) this.syncNode(key.slice(NODE_PREFIX.length));
        else this.syncPod(key);
      },
    };
  }

  private syncNode(name: string): void {
    const node = this.rt.store.get('nodes', undefined, name);
    const agent = this.nodes.get(name);
    if (!node) return;
    if (agent) agent.update(node);
    else {
      this.nodes.set(name, new NodeAgent(this.rt, name, node));
      // Pods bound before the kubelet registered get picked up now.
      for (const p of this.rt.store.list('pods')) if (nodeNameOf(p) === name) this.syncPod(keyOf(p.metadata.namespace, p.metadata.name!));
    }
  }

  syncPod(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = this.rt.store.get('pods', ns, name);
    let w = this.workers.get(key);
    if (w && (!pod || pod.metadata.uid !== w.uid)) {
      w.destroy();
      w.node.workers.delete(w.uid);
      this.workers.delete(key);
      this.byUid.delete(w.uid);
      w = undefined;
    }
    if (!pod) return;
    const agent = this.nodes.get(nodeNameOf(pod) ?? '');
    if (!agent || !agent.reachable()) return;
    if (!w) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      w = new PodWorker(agent, pod);
      this.workers.set(key, w);
      this.byUid.set(w.uid, w);
      agent.workers.set(w.uid, w);
      w.begin();
    }
    if (pod.metadata.deletionTimestamp && !w.terminating) w.terminate(pod.metadata.deletionGracePeriodSeconds ?? 30);
  }

  /**
   * True when `syncPod` would do nothing for this update: the pod already has its worker, and neither the
   * spec nor the deletion changed (stored objects keep unchanged parts by reference), as for the status
   * writes the kubelet makes itself.
   */
  private syncIsNoop(pod: KubeObject, old: KubeObject): boolean {
    if (pod.spec !== old.spec) return false;
    const w = this.byUid.get(pod.metadata.uid ?? '');
    if (!w || w.name !== pod.metadata.name || w.namespace !== pod.metadata.namespace) return false;
    if (pod.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) return false;
    return !pod.metadata.deletionTimestamp || w.terminating;
  }

  private hasVolumeWaiters(): boolean {
    for (const n of this.nodes.values()) if (n.volumeWaiters.size > 0) return true;
    return false;
  }

  /** Something a waiting pod's volumes depend on changed: let each waiting pod try again. */
  private wakeVolumeWaiters(): void {
    for (const n of this.nodes.values()) for (const w of [...n.volumeWaiters]) w.volumesChanged();
  }

  worker(namespace: string, name: string): PodWorker | undefined {
    return this.workers.get(keyOf(namespace, name));
  }

  /** The worker whose pod has this IP. */
  byIP(ip: string): PodWorker | undefined {
    for (const w of this.workers.values()) if (w.podIP === ip && !w.terminal) return w;
    return undefined;
  }
}
