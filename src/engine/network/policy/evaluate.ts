/**
 * NetworkPolicy semantics, CNI-agnostic, as the Kubernetes documentation ("Network Policies") and the
 * upstream conformance suite (test/e2e/network/netpol) define them:
 * - a pod is isolated for ingress (egress) when at least one policy in its namespace selects it and lists
 *   Ingress (Egress) in policyTypes; an isolated pod accepts (sends) only what some rule of some such
 *   policy allows — policies are additive, order never matters;
 * - a rule with no `from`/`to` allows every peer, with no `ports` every port;
 * - a peer with podSelector alone means pods of the policy's namespace, namespaceSelector alone all pods
 *   of the matching namespaces, both together (one peer) pods matching both (AND); ipBlock matches the
 *   peer's IP against `cidr` minus `except`;
 * - ports match protocol (TCP by default), a number, a range up to endPort, or a named container port of
 *   the destination pod;
 * - traffic between a pod and the node it runs on is always allowed, and a pod can always reach itself.
 * A connection needs both the source's egress and the destination's ingress to allow it.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../api/kinds/networkpolicy.ts';
import type { KubeObject } from '../../api/types.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { ipInCIDR } from './cidr.ts';

export type Direction = 'ingress' | 'egress';

/** One end of a connection: its IP, and the pod behind it when it is a pod. */
export interface Endpoint {
  ip: string;
  pod?: KubeObject;
}

/** What the evaluator needs to know about the cluster. */
export interface PolicyWorld {
  policies(namespace: string): readonly KubeObject[];
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** The InternalIP of the node a pod runs on. */
  nodeIP(nodeName: string): string | undefined;
}

export interface PolicyVerdict {
  allowed: boolean;
  /** Plain-language explanation naming the policy and rule, or that no rule allowed the traffic. */
  reason: string;
  /** `namespace/name` of the policy whose rule allowed it. */
  policy?: string;
  /** The allowing rule, e.g. `ingress[0]` (with the peer and port that matched in `reason`). */
  rule?: string;
  /** The direction this verdict is about (for a connection: the one that decided). */
  direction: Direction;
  /** `namespace/name` of every policy isolating the pod in this direction. */
  selectedBy: string[];
}

interface PodLike {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string; hostNetwork?: boolean; containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number; protocol?: string }> }> };
}

const asPod = (o: KubeObject): PodLike => o as unknown as PodLike;
const podName = (p: KubeObject): string => `${p.metadata.namespace}/${p.metadata.name}`;
const policyName = (p: KubeObject): string => `${p.metadata.namespace}/${p.metadata.name}`;

function specOf(p: KubeObject): NetworkPolicySpec {
  return (p.spec ?? {}) as NetworkPolicySpec;
}

/** policyTypes as stored (defaulted by the API); Ingress when somehow absent, plus Egress with egress rules. */
export function policyTypesOf(spec: NetworkPolicySpec): string[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies of the pod's namespace that select it and isolate it in `dir`. */
export function isolatingPolicies(world: PolicyWorld, pod: KubeObject, dir: Direction): KubeObject[] {
  const want = dir === 'ingress' ? 'Ingress' : 'Egress';
  return world.policies(pod.metadata.namespace ?? '').filter((p) => {
    const spec = specOf(p);
    return policyTypesOf(spec).includes(want) && matchesLabelSelector(spec.podSelector ?? {}, pod.metadata.labels);
  });
}

function selText(sel: LabelSelector): string {
  const parts = [
    ...Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sel.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(',')})` : ''}`),
  ];
  return parts.length ? parts.join(',') : '{} (all)';
}

/** Does `peer` (of a policy in `policyNs`) match the remote end? Returns a description of the match or undefined. */
function matchPeer(world: PolicyWorld, peer: NetworkPolicyPeer, policyNs: string, remote: Endpoint): string | undefined {
  if (peer.ipBlock) {
    const b = peer.ipBlock;
    if (!b.cidr || !ipInCIDR(remote.ip, b.cidr)) return undefined;
    const ex = (b.except ?? []).find((e) => ipInCIDR(remote.ip, e));
    if (ex) return undefined;
    return `ipBlock ${b.cidr}${(b.except ?? []).length ? ` except ${b.except!.join(', ')}` : ''}`;
  }
  const pod = remote.pod;
  if (!pod || asPod(pod).spec?.hostNetwork) return undefined;
  const ns = pod.metadata.namespace ?? '';
  if (peer.namespaceSelector) {
    if (!matchesLabelSelector(peer.namespaceSelector, world.namespaceLabels(ns) ?? {})) return undefined;
  } else if (ns !== policyNs) return undefined;
  if (peer.podSelector && !matchesLabelSelector(peer.podSelector, pod.metadata.labels)) return undefined;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${selText(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${selText(peer.podSelector)}`);
  return parts.join(' AND ');
}

/** Resolve a named port against the destination pod's containers (same protocol). */
function namedPort(dst: Endpoint, name: string, protocol: string): number | undefined {
  for (const c of asPod(dst.pod ?? ({} as KubeObject)).spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function matchPort(p: NetworkPolicyPort, port: number, protocol: string, dst: Endpoint): string | undefined {
  const proto = p.protocol ?? 'TCP';
  if (proto !== protocol) return undefined;
  if (p.port === undefined || p.port === null) return `all ${proto} ports`;
  if (typeof p.port === 'string') {
    const n = namedPort(dst, p.port, proto);
    return n === port ? `port ${p.port} (${n}/${proto})` : undefined;
  }
  if (p.endPort !== undefined && p.endPort !== null) return port >= p.port && port <= p.endPort ? `ports ${p.port}-${p.endPort}/${proto}` : undefined;
  return port === p.port ? `port ${port}/${proto}` : undefined;
}

export interface Connection {
  src: Endpoint;
  dst: Endpoint;
  port: number;
  protocol: string;
}

/** Evaluate one direction: `dir` is about the destination's ingress or the source's egress. */
export function evaluateDirection(world: PolicyWorld, c: Connection, dir: Direction): PolicyVerdict {
  const self = dir === 'ingress' ? c.dst : c.src;
  const remote = dir === 'ingress' ? c.src : c.dst;
  const what = dir === 'ingress' ? 'ingress to' : 'egress from';
  if (!self.pod) return { allowed: true, direction: dir, selectedBy: [], reason: `${self.ip} is not a pod: NetworkPolicy does not apply to its ${dir}` };
  const sp = asPod(self.pod);
  if (sp.spec?.hostNetwork) return { allowed: true, direction: dir, selectedBy: [], reason: `pod ${podName(self.pod)} uses the host network: NetworkPolicy does not apply to it` };
  if (remote.pod && podName(remote.pod) === podName(self.pod)) return { allowed: true, direction: dir, selectedBy: [], reason: `a pod can always reach itself` };
  const nodeIP = sp.spec?.nodeName ? world.nodeIP(sp.spec.nodeName) : undefined;
  if (nodeIP && remote.ip === nodeIP) {
    return { allowed: true, direction: dir, selectedBy: [], reason: `traffic between pod ${podName(self.pod)} and its node (${nodeIP}) is always allowed` };
  }
  const isolating = isolatingPolicies(world, self.pod, dir);
  const selectedBy = isolating.map(policyName);
  if (isolating.length === 0) {
    return { allowed: true, direction: dir, selectedBy, reason: `no NetworkPolicy selects pod ${podName(self.pod)} for ${dir}: not isolated, all ${dir} allowed` };
  }
  for (const pol of isolating) {
    const spec = specOf(pol);
    const rules = (dir === 'ingress' ? spec.ingress : spec.egress) ?? [];
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const peers = (dir === 'ingress' ? (r as { from?: NetworkPolicyPeer[] }).from : (r as { to?: NetworkPolicyPeer[] }).to) ?? [];
      let peerText = dir === 'ingress' ? 'any source' : 'any destination';
      if (peers.length > 0) {
        let m: string | undefined;
        for (let j = 0; j < peers.length && !m; j++) {
          const t = matchPeer(world, peers[j], pol.metadata.namespace ?? '', remote);
          if (t) m = `${dir === 'ingress' ? 'from' : 'to'}[${j}] ${t}`;
        }
        if (!m) continue;
        peerText = m;
      }
      const ports = r.ports ?? [];
      let portText = 'any port';
      if (ports.length > 0) {
        let m: string | undefined;
        for (let j = 0; j < ports.length && !m; j++) {
          const t = matchPort(ports[j], c.port, c.protocol, c.dst);
          if (t) m = `ports[${j}] ${t}`;
        }
        if (!m) continue;
        portText = m;
      }
      const rule = `${dir}[${i}]`;
      return {
        allowed: true,
        direction: dir,
        selectedBy,
        policy: policyName(pol),
        rule,
        reason: `${what} pod ${podName(self.pod)} allowed by NetworkPolicy ${policyName(pol)} rule ${rule} (${peerText}, ${portText})`,
      };
    }
  }
  let reason = `${what} pod ${podName(self.pod)} denied: it is selected by ${selectedBy.map((n) => `NetworkPolicy ${n}`).join(', ')} and no ${dir} rule allows ${c.protocol} ${c.port} ${dir === 'ingress' ? 'from' : 'to'} ${describeEndpoint(remote)}`;
  if (dir === 'egress' && c.port === 53 && (c.protocol === 'UDP' || c.protocol === 'TCP')) {
    reason += ' — DNS lookups will time out: add an egress rule allowing UDP and TCP port 53 to kube-dns (the pods labelled k8s-app=kube-dns in kube-system)';
  }
  return { allowed: false, direction: dir, selectedBy, reason };
}

function describeEndpoint(e: Endpoint): string {
  return e.pod ? `pod ${podName(e.pod)} (${e.ip})` : e.ip;
}

/** A whole connection: the source's egress, then the destination's ingress. */
export function evaluateConnection(world: PolicyWorld, c: Connection): PolicyVerdict & { steps: PolicyVerdict[] } {
  const egress = evaluateDirection(world, c, 'egress');
  if (!egress.allowed) return { ...egress, steps: [egress] };
  const ingress = evaluateDirection(world, c, 'ingress');
  if (!ingress.allowed) return { ...ingress, steps: [egress, ingress] };
  const decisive = ingress.policy ? ingress : egress.policy ? egress : ingress;
  return { ...decisive, reason: `${egress.reason}; ${ingress.reason}`, steps: [egress, ingress] };
}
