import type { Cluster, ClusterLoadAssignment } from '../envoy/types.ts';
import { sniDnatClusterName } from './tlsroutes.ts';

/**
 * The SNI-DNAT clusters of a gateway with an AUTO_PASSTHROUGH server (buildOutboundSniDnatClusters): for every
 * outbound cluster of the mesh's services (subsets included), the same cluster named outbound_.PORT_.SUBSET_.HOST
 * without any TLS settings — the client sidecar's mTLS passes through untouched — and its endpoints limited to
 * workloads with a sidecar (EDS leaves plaintext endpoints out of SNI-DNAT clusters).
 */
export function sniDnatClusters(builds: readonly { clusters: readonly Cluster[]; endpoints: readonly ClusterLoadAssignment[] }[]): { clusters: Cluster[]; endpoints: ClusterLoadAssignment[] } {
  const clusters: Cluster[] = [];
  const endpoints: ClusterLoadAssignment[] = [];
  for (const b of builds) {
    const byName = new Map(b.endpoints.map((e) => [e.clusterName, e]));
    for (const c of b.clusters) {
      if (c.type === 'ORIGINAL_DST') continue;
      const [, port, subset, host] = c.name.split('|');
      const name = sniDnatClusterName(Number(port), subset, host);
      const { transportSocket: _ts, transportSocketMatches: _tsm, ...rest } = c;
      const out: Cluster = { ...rest, name };
      if (c.edsClusterConfig) out.edsClusterConfig = { ...c.edsClusterConfig, serviceName: name };
      if (c.loadAssignment) out.loadAssignment = { ...c.loadAssignment, clusterName: name };
      clusters.push(out);
      const cla = byName.get(c.name);
      if (!cla) continue;
      const lbEndpoints = cla.endpoints.flatMap((l) => l.lbEndpoints).filter((e) => e.metadata?.filterMetadata['envoy.transport_socket_match']?.tlsMode === 'istio');
      endpoints.push({ clusterName: name, endpoints: lbEndpoints.length ? [{ locality: {}, lbEndpoints, loadBalancingWeight: lbEndpoints.length }] : [] });
    }
  }
  return { clusters, endpoints };
}
