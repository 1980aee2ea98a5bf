/**
 * NetworkPolicy truth tables, following the upstream conformance suite (test/e2e/network/netpol/
 * network_policy.go): namespaces x, y, z (labelled ns=<name> and kubernetes.io/metadata.name=<name>),
 * pods a, b, c in each (labelled pod=<name>), every pod serving 80 and 81 on TCP and UDP with the named
 * ports serve-80-tcp, serve-81-tcp, serve-80-udp, serve-81-udp. Each case builds the expected
 * reachability matrix the way upstream does (start from all true, then ExpectAllIngress / Expect...).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { defaultNetworkPolicy, type NetworkPolicySpec } from '../../api/kinds/networkpolicy.ts';
import { evaluateConnection, type PolicyWorld } from './evaluate.ts';

const namespaces = ['x', 'y', 'z'];
const podNames = ['a', 'b', 'c'];
const all = namespaces.flatMap((ns) => podNames.map((p) => `${ns}/${p}`));

function pod(key: string, i: number): KubeObject {
  const [ns, name] = key.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { pod: name } },
    spec: {
      nodeName: 'node-1',
      containers: [80, 81].flatMap((port) =>
        ['TCP', 'UDP'].map((proto) => ({ name: `cont-${port}-${proto.toLowerCase()}`, ports: [{ name: `serve-${port}-${proto.toLowerCase()}`, containerPort: port, protocol: proto }] })),
      ),
    },
    status: { podIP: `10.244.1.${10 + i}` },
  };
}
const pods = new Map(all.map((k, i) => [k, pod(k, i)]));
const ipOf = (k: string) => (pods.get(k)!.status as { podIP: string }).podIP;

function policy(ns: string, name: string, spec: NetworkPolicySpec): KubeObject {
  const o: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec: structuredClone(spec) };
  defaultNetworkPolicy(o);
  return o;
}

function world(policies: KubeObject[]): PolicyWorld {
  return {
    policies: (ns) => policies.filter((p) => p.metadata.namespace === ns),
    namespaceLabels: (ns) => ({ ns, 'kubernetes.io/metadata.name': ns }),
    nodeIP: () => '172.18.0.2',
  };
}

/** Upstream's Reachability: expected[from][to]. */
class Reachability {
  readonly m = new Map<string, boolean>();
  constructor(dflt: boolean) {
    for (const f of all) for (const t of all) this.m.set(`${f}>${t}`, dflt);
  }
  expect(from: string, to: string, v: boolean): this {
    this.m.set(`${from}>${to}`, v);
    return this;
  }
  expectAllIngress(to: string, v: boolean): this {
    for (const f of all) if (f !== to) this.m.set(`${f}>${to}`, v);
    return this;
  }
  expectAllEgress(from: string, v: boolean): this {
    for (const t of all) if (t !== from) this.m.set(`${from}>${t}`, v);
    return this;
  }
  /** ExpectPeer with namespace/pod filters ('' = any). */
  expectPeer(fromNs: string, fromPod: string, toNs: string, toPod: string, v: boolean): this {
    for (const f of all) {
      const [fn, fp] = f.split('/');
      if ((fromNs && fn !== fromNs) || (fromPod && fp !== fromPod)) continue;
      for (const t of all) {
        const [tn, tp] = t.split('/');
        if ((toNs && tn !== toNs) || (toPod && tp !== toPod) || f === t) continue;
        this.m.set(`${f}>${t}`, v);
      }
    }
    return this;
  }
}

function observed(policies: KubeObject[], port: number, protocol: string): Map<string, boolean> {
  const w = world(policies);
  const out = new Map<string, boolean>();
  for (const f of all) {
    for (const t of all) {
      const v = evaluateConnection(w, { src: { ip: ipOf(f), pod: pods.get(f) }, dst: { ip: ipOf(t), pod: pods.get(t) }, port, protocol });
      out.set(`${f}>${t}`, v.allowed);
    }
  }
  return out;
}

function wrong(want: Reachability, got: Map<string, boolean>): string[] {
  return [...want.m].filter(([k, v]) => got.get(k) !== v).map(([k, v]) => `${k} want ${v}`);
}

const sel = (labels: Record<string, string>) => ({ matchLabels: labels });
const xa = 'x/a';

interface Case {
  name: string;
  policies: KubeObject[];
  port: number;
  protocol?: string;
  want: () => Reachability;
}

const cases: Case[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    policies: [policy('x', 'deny-ingress', { podSelector: {}, ingress: [] })],
    port: 80,
    want: () => new Reachability(true).expectPeer('', '', 'x', '', false),
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: [policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    port: 80,
    want: () => new Reachability(true).expectPeer('', '', 'x', '', false).expectPeer('x', '', '', '', false),
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    policies: [policy('x', 'x-a-allows-x-b', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expect('x/b', xa, true),
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    policies: [policy('x', 'deny-all', { podSelector: {}, ingress: [] }), policy('x', 'allow-all-to-a', { podSelector: sel({ pod: 'a' }), ingress: [{}] })],
    port: 80,
    want: () => new Reachability(true).expectPeer('', '', 'x', '', false).expectAllIngress(xa, true),
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: [policy('x', 'allow-ns-y', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expectPeer('y', '', 'x', 'a', true),
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    policies: [policy('x', 'b-expr', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expect('x/b', xa, true),
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    policies: [policy('x', 'ns-expr', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] } }] }] })],
    port: 80,
    want: () => new Reachability(true).expectPeer('x', '', 'x', 'a', false),
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    policies: [policy('x', 'or', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] } }, { podSelector: sel({ pod: 'b' }) }] }] })],
    port: 80,
    want: () => new Reachability(true).expect('x/c', xa, false),
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    policies: [
      policy('x', 'and', {
        podSelector: sel({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] }, podSelector: sel({ pod: 'b' }) }] }],
      }),
    ],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expect('y/b', xa, true).expect('z/b', xa, true),
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    policies: [
      policy('x', 'multi', {
        podSelector: sel({ pod: 'a' }),
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'NotIn', values: ['x'] }] },
                podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
              },
            ],
          },
        ],
      }),
    ],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expect('y/b', xa, true).expect('y/c', xa, true).expect('z/b', xa, true).expect('z/c', xa, true),
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    policies: [policy('x', 'meta-name', { podSelector: sel({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'y' }) }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expectPeer('y', '', 'x', 'a', true),
  },
  {
    name: 'should enforce policy based on Ports (allow 81 only, probing 80)',
    policies: [policy('x', 'port-81', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 81 }], from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false),
  },
  {
    name: 'should enforce policy based on Ports (allow 81 only, probing 81)',
    policies: [policy('x', 'port-81', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 81 }], from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] })],
    port: 81,
    want: () => new Reachability(true).expectAllIngress(xa, false).expectPeer('y', '', 'x', 'a', true),
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (port 80)',
    policies: [
      policy('x', 'p81', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 81 }], from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] }),
      policy('x', 'p80', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 80 }], from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] }),
    ],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expectPeer('y', '', 'x', 'a', true),
  },
  {
    name: 'should allow ingress access on one named port',
    policies: [policy('x', 'named', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
    port: 81,
    want: () => new Reachability(true),
  },
  {
    name: 'should allow ingress access on one named port (probing another port)',
    policies: [policy('x', 'named', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false),
  },
  {
    name: 'should allow egress access on one named port',
    policies: [policy('x', 'egress-named', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })],
    port: 81,
    want: () => new Reachability(true).expectAllEgress(xa, false),
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol (UDP probe of a TCP-only rule)',
    policies: [policy('x', 'tcp-only', { podSelector: sel({ pod: 'a' }), ingress: [{ ports: [{ protocol: 'TCP' }] }] })],
    port: 80,
    protocol: 'UDP',
    want: () => new Reachability(true).expectAllIngress(xa, false),
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    policies: [
      policy('x', 'deny-egress-a', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'] }),
      policy('y', 'allow-all', { podSelector: {}, ingress: [{}] }),
    ],
    port: 80,
    want: () => new Reachability(true).expectAllEgress(xa, false),
  },
  {
    name: 'should work with Ingress, Egress specified together',
    policies: [
      policy('x', 'both', {
        podSelector: sel({ pod: 'a' }),
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
        egress: [{ to: [{ namespaceSelector: sel({ ns: 'y' }) }] }],
      }),
    ],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false).expect('x/b', xa, true).expectAllEgress(xa, false).expectPeer('x', 'a', 'y', '', true),
  },
  {
    name: 'should support egress traffic to a range of ports (endPort)',
    policies: [policy('x', 'range', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 80, endPort: 81 }] }] })],
    port: 81,
    want: () => new Reachability(true),
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    policies: [policy('x', 'cidr-except', { podSelector: sel({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24', except: ['10.244.1.11/32'] } }] }] })],
    port: 80,
    want: () => new Reachability(true).expect(xa, 'x/b', false),
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    policies: [
      policy('x', 'cidr-overlap', {
        podSelector: sel({ pod: 'a' }),
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24', except: ['10.244.1.11/32'] } }] }, { to: [{ ipBlock: { cidr: '10.244.1.11/32' } }] }],
      }),
    ],
    port: 80,
    want: () => new Reachability(true),
  },
  {
    // Defaulting adds Egress only when egress rules exist, but always Ingress: an "egress" policy written
    // without policyTypes also isolates the pod for ingress (SetDefaults_NetworkPolicy).
    name: 'egress rules without policyTypes also default-deny ingress',
    policies: [policy('x', 'egress-no-types', { podSelector: sel({ pod: 'a' }), egress: [{}] })],
    port: 80,
    want: () => new Reachability(true).expectAllIngress(xa, false),
  },
];

describe('NetworkPolicy truth tables (upstream netpol cases)', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(wrong(c.want(), observed(c.policies, c.port, c.protocol ?? 'TCP'))).toEqual([]);
    });
  }
});
