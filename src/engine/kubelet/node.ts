import type { KubeObject } from '../api/types.ts';
import { resolveImage, type ResolvedImage } from '../images/catalog.ts';
import { parseImageRef } from '../images/reference.ts';
import { PRELOADED_IMAGES } from '../nodes/defaults.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { Backoff } from './backoff.ts';
import { PodIPAM } from './ipam.ts';
import type { PodWorker } from './worker.ts';

/** Per-node kubelet state: the pod network range, the image store, the pull queue and the pod workers. */
export class NodeAgent {
  ipam: PodIPAM;
  nodeIP = '';
  /** Images present on the node, by normalised reference and by image ID. */
  readonly images = new Map<string, ResolvedImage>();
  /** Pulls in flight: reference → unix-less virtual ms when it completes. */
  readonly inflight = new Map<string, number>();
  /** Image pulls are serialised (serializeImagePulls=true): the queue is free at this virtual time. */
  pullFreeAt = 0;
  /** Registry bandwidth seen by this node, bytes per virtual ms. */
  readonly bytesPerMs: number;
  readonly pullBackoff = new Backoff();
  readonly workers = new Map<string, PodWorker>();
  /** Pods on this node waiting for a volume (ConfigMap, claim, attachment…); woken when those change. */
  readonly volumeWaiters = new Set<PodWorker>();

  constructor(
    readonly rt: ClusterRuntime,
    readonly name: string,
    node: KubeObject,
  ) {
    this.ipam = new PodIPAM((node.spec as { podCIDR?: string } | undefined)?.podCIDR);
    this.update(node);
    // The node image ships the control plane's, kube-proxy's and CoreDNS's images (kind preloads them).
    for (const img of PRELOADED_IMAGES) {
      for (const name of img.names) {
        const r = resolveImage(parseImageRef(name));
        if ('repo' in r) {
          this.images.set(parseImageRef(name).full, r);
          this.images.set(r.imageID, r);
        }
      }
    }
    // 25–60 MB/s to the registry.
    this.bytesPerMs = 25_000 + rt.rng.int(35_000);
  }

  update(node: KubeObject): void {
    const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
    if (cidr && cidr !== this.ipam.cidr && this.ipam.inUse() === 0) this.ipam = new PodIPAM(cidr);
    const addrs = (node.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? [];
    this.nodeIP = addrs.find((a) => a.type === 'InternalIP')?.address ?? this.nodeIP;
  }

  /** False while the node is failed (`lab node fail`): the kubelet cannot reach the API server. */
  reachable(): boolean {
    return this.rt.service<{ isHeartbeating(name: string): boolean }>('nodes')?.isHeartbeating(this.name) ?? true;
  }

  /** Events from this kubelet (source component "kubelet", host = node name). */
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (!this.reachable()) return;
    this.rt.events.record(pod, type, reason, message, { component: 'kubelet', host: this.name }, fieldPath);
  }
}
