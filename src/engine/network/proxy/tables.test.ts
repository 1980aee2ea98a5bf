import { describe, expect, it } from 'vitest';
import { renderServicePort, type Fragment, type RenderOptions } from './iptables.ts';
import { servicePorts } from './model.ts';
import { kubeProxyTables, restoreText, ruleCount, type Table } from './tables.ts';
import { makeTestEndpointSlice as slice, makeTestService } from './testkit.ts';

const fake: RenderOptions = { nodeName: 'test-node', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8', largeClusterMode: false };

function fragments(affinity: boolean): Fragment[] {
  const svc = makeTestService('ns1', 'svc1', (s) => {
    s.spec = { type: 'NodePort', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }] };
    if (affinity) s.spec.sessionAffinity = 'ClientIP';
  });
  const eps = slice('ns1', 'svc1', 1, [{ addresses: ['10.180.0.1'] }, { addresses: ['10.180.0.2'] }], [{ name: 'p80', port: 80 }]);
  return servicePorts(svc, [eps]).map((p) => renderServicePort(p, fake));
}

/** The restore text built from each table's per-chain view (chains, rules), as the table did before blocks. */
function fromRules(tables: Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c.name} ${c.policy ?? '-'} [0:0]`);
    for (const c of t.chains) for (const r of t.rules.get(c.name) ?? []) out.push(r);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

describe('kube-proxy tables', () => {
  it.each([
    { name: 'ClusterIP with NodePort', affinity: false, rules: 21 },
    { name: 'with ClientIP affinity', affinity: true, rules: 23 },
  ])('restore text, per-chain view and rule count agree: $name', ({ affinity, rules }) => {
    const tables = kubeProxyTables(fragments(affinity));
    expect(restoreText(tables)).toBe(fromRules(tables));
    expect(ruleCount(tables)).toBe(rules);
    let n = 0;
    for (const t of tables) for (const list of t.rules.values()) n += list.length;
    expect(n).toBe(rules);
  });

  it('a chain declared twice is written once, with both rule sets in order', () => {
    const f = fragments(false);
    const tables = kubeProxyTables([...f, ...f]);
    const text = restoreText(tables);
    const svc = f[0].natChains.find((c) => c.startsWith('KUBE-SVC-'))!;
    expect(text.split('\n').filter((l) => l === `:${svc} - [0:0]`)).toHaveLength(1);
    const svcRules = text.split('\n').filter((l) => l.startsWith(`-A ${svc} `));
    expect(svcRules).toHaveLength(6);
    expect(svcRules.slice(3)).toEqual(svcRules.slice(0, 3));
    expect(text).toBe(fromRules(tables));
    expect(ruleCount(tables)).toBe(33);
  });

  it('the fragment lists its nat rules by chain', () => {
    const [f] = fragments(true);
    const nat = f.nat;
    expect(nat.filter((r) => r.chain === 'KUBE-SERVICES')).toHaveLength(1);
    expect(nat.filter((r) => r.chain === 'KUBE-NODEPORTS')).toHaveLength(2);
    expect(nat.filter((r) => r.chain.startsWith('KUBE-SEP-'))).toHaveLength(4);
    expect(nat.filter((r) => r.chain.startsWith('KUBE-SVC-'))).toHaveLength(5);
    expect(nat.filter((r) => r.chain.startsWith('KUBE-EXT-'))).toHaveLength(2);
    for (const r of nat) expect(r.text.startsWith(`-A ${r.chain} `)).toBe(true);
  });
});
