import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { evaluateConnection, evaluateDirection, isolatingPolicies, type Direction, type Endpoint, type PolicyVerdict, type PolicyWorld } from './evaluate.ts';

export const NETWORK_POLICY = 'network-policy';

/** A pod given by object or by namespace/name. */
export type PodRef = KubeObject | { namespace: string; name: string };

export interface VerdictQuery {
  srcIP: string;
  srcPod?: PodRef;
  dstIP: string;
  dstPod?: PodRef;
  /** The destination port as the destination pod sees it (after any Service DNAT). */
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | string;
  /** `egress`: the source's egress only; `ingress`: the destination's ingress only; omitted: both, in that order. */
  direction?: Direction | 'both';
}

export interface NetworkPolicyService {
  /**
   * The NetworkPolicy verdict for one connection. It always evaluates the policies; whether they are
   * enforced is the CNI's business (`cni.enforcesPolicy`), which callers check.
   */
  verdict(q: VerdictQuery): PolicyVerdict & { steps?: PolicyVerdict[] };
  /** `namespace/name` of the policies isolating a pod for ingress and for egress. */
  selecting(pod: PodRef): { ingress: string[]; egress: string[] };
  /** The pod that owns a pod IP (not host-network pods), if any. */
  podByIP(ip: string): KubeObject | undefined;
}

interface PodStatusLike {
  podIP?: string;
  phase?: string;
}

/** The IP a pod is indexed under: its pod IP while it may serve (not host-network, not terminated). */
function indexedIP(p: KubeObject): string | undefined {
  const st = p.status as PodStatusLike | undefined;
  if (!st?.podIP || st.phase === 'Succeeded' || st.phase === 'Failed') return undefined;
  if ((p.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) return undefined;
  return st.podIP;
}

/** Pod IP → pod key, kept from store events so that lookups never list all pods. */
class PodIPIndex {
  private byIP = new Map<string, string>();
  private ipOf = new Map<string, string>();

  onStoreEvent(ev: StoreEvent): void {
    if (ev.resource !== 'pods') return;
    const p = ev.object;
    const ip = ev.type === 'DELETED' ? undefined : indexedIP(p);
    // Most pod writes (binding, container states, conditions) leave the indexed IP as it was: no key to build.
    if (ev.type === 'MODIFIED' && ev.oldObject && indexedIP(ev.oldObject) === ip) return;
    if (ev.type === 'ADDED' && ip === undefined) return;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const prev = this.ipOf.get(key);
    if (prev === ip) return;
    if (prev !== undefined) {
      if (this.byIP.get(prev) === key) this.byIP.delete(prev);
      this.ipOf.delete(key);
    }
    if (ip !== undefined) {
      this.byIP.set(ip, key);
      this.ipOf.set(key, ip);
    }
  }

  key(ip: string): string | undefined {
    return this.byIP.get(ip);
  }
}

function storeWorld(rt: ClusterRuntime): PolicyWorld {
  return {
    policies: (ns) => rt.store.list('networkpolicies', ns),
    namespaceLabels: (ns) => rt.store.get('namespaces', undefined, ns)?.metadata.labels as Record<string, string> | undefined,
    nodeIP: (name) => {
      const n = rt.store.get('nodes', undefined, name);
      const addrs = (n?.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? [];
      return addrs.find((a) => a.type === 'InternalIP')?.address;
    },
  };
}

/** Start the NetworkPolicy evaluator and publish it as `'network-policy'`. */
export function startNetworkPolicy(rt: ClusterRuntime): NetworkPolicyService {
  const index = new PodIPIndex();
  for (const p of rt.store.list('pods')) index.onStoreEvent({ type: 'ADDED', resource: 'pods', object: p, resourceVersion: 0 });
  rt.store.watch((ev) => index.onStoreEvent(ev));
  const world = storeWorld(rt);

  const resolve = (ref: PodRef | undefined): KubeObject | undefined => {
    if (!ref) return undefined;
    if ('metadata' in ref) return ref as KubeObject;
    const r = ref as { namespace: string; name: string };
    return rt.store.get('pods', r.namespace, r.name);
  };
  const podByIP = (ip: string): KubeObject | undefined => {
    const k = index.key(ip);
    if (!k) return undefined;
    const i = k.indexOf('/');
    return rt.store.get('pods', k.slice(0, i), k.slice(i + 1));
  };
  const endpoint = (ip: string, ref: PodRef | undefined): Endpoint => ({ ip, pod: resolve(ref) ?? podByIP(ip) });

  const svc: NetworkPolicyService = {
    verdict(q) {
      const c = { src: endpoint(q.srcIP, q.srcPod), dst: endpoint(q.dstIP, q.dstPod), port: q.port, protocol: q.protocol ?? 'TCP' };
      if (q.direction === 'ingress' || q.direction === 'egress') return evaluateDirection(world, c, q.direction);
      return evaluateConnection(world, c);
    },
    selecting(ref) {
      const pod = resolve(ref);
      if (!pod) return { ingress: [], egress: [] };
      const names = (dir: Direction) => isolatingPolicies(world, pod, dir).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      return { ingress: names('ingress'), egress: names('egress') };
    },
    podByIP,
  };
  rt.services.set(NETWORK_POLICY, svc);
  return svc;
}
