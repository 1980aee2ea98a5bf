import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { unitHash } from './hash.ts';
import { distributeLoad, type LoadKnobs } from './load.ts';
import { UsageModel } from './usage.ts';
import { SCRAPE_INTERVAL_MS, type MetricsApi, type NodeMetrics, type PodMetrics } from './types.ts';

/** What the metrics server reads from a kubelet: the resident memory of a running container's program. */
interface KubeletView {
  workers: Map<string, { uid: string; ctrs: Array<{ init: boolean; spec: { name: string }; proc?: { memoryBytes(t: number): number } }> }>;
}

const MiB = 1024 * 1024;

/** System usage outside pods (kubelet, container runtime, OS; on the control plane also etcd and the apiserver). */
function nodeOverhead(node: KubeObject): { cpu: number; memory: number } {
  const cp = node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  const h = unitHash('node', node.metadata.name ?? '');
  return cp ? { cpu: 160 + h * 40, memory: (780 + Math.floor(h * 60)) * MiB } : { cpu: 30 + h * 20, memory: (360 + Math.floor(h * 40)) * MiB };
}

function nodeReady(node: KubeObject): boolean {
  return ((node as unknown as Node).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * metrics-server: every 15 s (a background timer) it scrapes every kubelet's resource usage and keeps the
 * latest sample per pod and node. Like upstream, a container needs two samples before it has a CPU rate,
 * so a pod appears one scrape after its containers start; until the first scrape the API is not available.
 */
export class MetricsServer implements MetricsApi {
  private pods = new Map<string, PodMetrics>();
  private nodes = new Map<string, NodeMetrics>();
  private scraped = false;
  private tick = 0;
  private seen = new Set<string>();
  private readonly usage = new UsageModel();

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly load: LoadKnobs,
  ) {}

  start(): void {
    const schedule = () =>
      this.rt.clock.schedule(
        () => {
          this.scrape();
          schedule();
        },
        SCRAPE_INTERVAL_MS,
        { background: true, label: 'metrics-server:scrape' },
      );
    schedule();
  }

  available(): boolean {
    return this.scraped;
  }

  listPods(namespace?: string): PodMetrics[] {
    const all = [...this.pods.values()].filter((m) => namespace === undefined || m.namespace === namespace);
    return all.sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getPod(namespace: string, name: string): PodMetrics | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  listNodes(): NodeMetrics[] {
    return [...this.nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getNode(name: string): NodeMetrics | undefined {
    return this.nodes.get(name);
  }

  /** One scrape of every kubelet (exposed for tests). */
  scrape(): void {
    const now = this.rt.clock.now();
    const unixNow = this.rt.clock.nowUnixMs();
    this.tick++;
    const extra = distributeLoad(this.rt.store, this.load.all());
    const kubelet = this.rt.service<KubeletView>('kubelet-manager');
    const nextSeen = new Set<string>();
    const pods = new Map<string, PodMetrics>();
    const perNode = new Map<string, { cpu: number; memory: number }>();
    for (const p of this.rt.store.list('pods')) {
      const pod = p as unknown as Pod;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || pod.status?.phase !== 'Running') continue;
      const running = new Map<string, string>();
      for (const cs of pod.status?.containerStatuses ?? []) if (cs.state?.running) running.set(cs.name, cs.containerID ?? cs.state.running.startedAt ?? '');
      if (running.size === 0) continue;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      const worker = kubelet?.workers.get(key);
      const baseMemory = (container: string): number | undefined => {
        const ctr = worker && worker.uid === p.metadata.uid ? worker.ctrs.find((c) => !c.init && c.spec.name === container) : undefined;
        try {
          return ctr?.proc?.memoryBytes(unixNow);
        } catch {
          return undefined;
        }
      };
      const containers = this.usage.sample(p, running, extra.get(p.metadata.uid ?? ''), now, this.tick, baseMemory);
      const instanceKey = `${p.metadata.uid}/${[...running.values()].join(',')}`;
      nextSeen.add(instanceKey);
      const n = perNode.get(nodeName) ?? { cpu: 0, memory: 0 };
      for (const c of containers) {
        n.cpu += c.cpu;
        n.memory += c.memory;
      }
      perNode.set(nodeName, n);
      // A CPU rate needs two samples: the pod is served from its second scrape on.
      if (!this.seen.has(instanceKey)) continue;
      pods.set(key, {
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name ?? '',
        labels: { ...(p.metadata.labels ?? {}) },
        timestampMs: now,
        windowMs: SCRAPE_INTERVAL_MS,
        containers,
      });
    }
    this.usage.sweep();
    this.seen = nextSeen;
    this.pods = pods;
    const nodes = new Map<string, NodeMetrics>();
    for (const node of this.rt.store.list('nodes')) {
      if (!nodeReady(node)) continue;
      const name = node.metadata.name ?? '';
      const base = nodeOverhead(node);
      const used = perNode.get(name) ?? { cpu: 0, memory: 0 };
      const wobble = 1 + (unitHash('node-cpu', name, this.tick) - 0.5) * 0.06;
      nodes.set(name, {
        name,
        labels: { ...(node.metadata.labels ?? {}) },
        timestampMs: now,
        windowMs: SCRAPE_INTERVAL_MS,
        cpu: (base.cpu + used.cpu) * wobble,
        memory: base.memory + used.memory,
      });
    }
    this.nodes = nodes;
    this.scraped = true;
  }
}
