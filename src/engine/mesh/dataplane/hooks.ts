import type { Cluster, HashPolicy, ProxyConfig, ProxyNode } from '../envoy/types.ts';
import type { Rng } from '../../util/rng.ts';
import type { MeshRequest, Resp } from './envoy.ts';
import type { ClusterState } from './lb.ts';

/** What the Envoy model needs from the data plane around it (network hops, state, randomness). */
export interface Hooks {
  rng: Rng;
  /** A deterministic latency in [lo, hi) ms for the next hop (does not draw from the cluster RNG). */
  lat(lo: number, hi: number): number;
  requestId(): string;
  /** This proxy's runtime state for one cluster. */
  state(node: ProxyNode, cluster: string): ClusterState;
  /** The hop from a proxy at `fromIP` to ip:port, over Istio mTLS (presenting `principal`) or plaintext. */
  toHost(ip: string, port: number, req: MeshRequest, fromIP: string, principal: string | undefined): Resp;
  /** ORIGINAL_DST clusters (PassthroughCluster): the request goes to where the client sent it. */
  /** The hash policy a consistent-hash cluster's routes carry (istiod puts it on the route; see dataplane.ts). */
  hashPolicyOf(c: Cluster): HashPolicy[] | undefined;
  passthrough(cfg: ProxyConfig, c: Cluster, req: MeshRequest, srcIP: string, who: string): Resp;
  /** A request is counted in flight on a cluster until its end time; `release(at)` ends it earlier. */
  inflight?(release: (at: number) => void): void;
}
