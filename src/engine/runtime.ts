import { ResourceRegistry } from './api/registry.ts';
import { ApiServer } from './api/server.ts';
import { builtinKinds } from './api/kinds/index.ts';
import { VirtualClock } from './clock/clock.ts';
import { ControllerManager } from './controllers/manager.ts';
import { EventRecorder } from './events/recorder.ts';
import { History } from './lessons/history.ts';
import { ObjectStore } from './store/store.ts';
import { Rng } from './util/rng.ts';

/** A worker node to start with: a name and optional size, labels and taints. */
export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>;
}

export interface ClusterOptions {
  /** Seed for every random choice; the same seed and inputs give identical runs. Default 1. */
  seed?: number;
  /** Worker nodes: a count (named worker-1…) or specs; `[]` for none. Default 2. The control plane is always there. */
  nodes?: number | NodeSpec[];
  /** Wall-clock instant that virtual time zero stands for (RFC 3339). Default 2025-01-01T00:00:00Z. */
  startTime?: string;
  /** The pod network plugin: flannel (VXLAN overlay, no NetworkPolicy) or calico (routed, enforces policy). Default flannel. */
  cni?: 'flannel' | 'calico';
  /** kube-proxy's initial mode (written to the kube-proxy ConfigMap). Default iptables. */
  proxyMode?: 'iptables' | 'ipvs' | 'userspace';
  /** Install the CoreDNS add-on (kube-system/coredns behind kube-dns 10.96.0.10), as kubeadm does. Default true; `false` for a cluster without cluster DNS. */
  dns?: boolean;
  /** Control-plane nodes (stacked etcd, kind's names control-plane, control-plane2, control-plane3): 1 or 3. Default 1. */
  controlPlanes?: 1 | 3;
  /**
   * Hand the cluster over booted (default true): virtual time runs until the system pods are Ready and the nodes
   * are Ready, as after `kind create cluster`. `false` keeps the raw start (nodes NotReady, system pods pending).
   */
  boot?: boolean;
  /** LoadBalancer address pool (MetalLB-style, e.g. `172.18.255.200-172.18.255.250`); `false`: none (EXTERNAL-IP stays <pending>). */
  loadBalancerPool?: string | false;
}

/**
 * The engine's internals, shared by every component (API server, controllers, scheduler, kubelets, kubectl).
 * Only `cluster.ts` builds one; only engine code sees it. The public surface is `Cluster` in cluster.ts.
 */
export class ClusterRuntime {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly store = new ObjectStore();
  readonly registry = new ResourceRegistry();
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly controllers: ControllerManager;
  /** The lab's virtual filesystem (files written with `cat > f.yaml`, or saved from the editor). */
  readonly files = new Map<string, string>();
  /**
   * Programming errors caught at the engine's walls (a TypeError in a command, a controller that threw).
   * The user sees an error message, never an exception; tests and the fuzzer assert this stays empty.
   */
  readonly internalErrors: string[] = [];
  /** Named extension slots components fill in (scheduler, kubelets, IP allocators...), typed where used. */
  readonly services = new Map<string, unknown>();
  /** Command lines run and requests traced, for lesson checks (see lessons/history.ts). */
  readonly history = new History();

  constructor(readonly options: ClusterOptions = {}) {
    this.clock = new VirtualClock(Date.parse(options.startTime ?? '2025-01-01T00:00:00Z'));
    this.rng = new Rng(options.seed ?? 1);
    for (const k of builtinKinds) this.registry.register(k);
    this.api = new ApiServer(this.registry, this.store, this.clock, this.rng);
    this.events = new EventRecorder(() => this.api, this.clock);
    this.controllers = new ControllerManager({
      api: this.api,
      store: this.store,
      clock: this.clock,
      rng: this.rng,
      events: this.events,
    });
    this.store.watch((ev) => this.controllers.onStoreEvent(ev));
    this.clock.onAfterFire(() => this.controllers.drain());
  }

  /** Record a caught programming error (see internalErrors). */
  reportInternalError(where: string, e: unknown): void {
    const text = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    this.internalErrors.push(`${where}: ${text}`);
    if (this.internalErrors.length > 100) this.internalErrors.shift();
  }

  /** True for errors that are bugs rather than expected failures (JS runtime errors). */
  static isBug(e: unknown): boolean {
    return e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
  }

  /** Typed access to a component registered under `name`. */
  service<T>(name: string): T | undefined {
    return this.services.get(name) as T | undefined;
  }

  /** Do all work due at the current instant: fire due timers and drain controller queues until quiet. */
  settle(): void {
    for (let i = 0; i < 1000; i++) {
      this.controllers.drain();
      this.clock.settle();
      if (this.controllers.pending() === 0) break;
    }
  }

  advance(ms: number): void {
    this.settle();
    this.clock.advance(ms);
    this.settle();
  }

  runUntilIdle(maxMs?: number): number {
    this.settle();
    const t = this.clock.runUntilIdle(maxMs);
    this.settle();
    return t;
  }
}
