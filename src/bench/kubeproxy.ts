import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../engine/api/types.ts';
import { ServiceCache } from '../engine/network/proxy/cache.ts';
import { virtualServers } from '../engine/network/proxy/ipvs.ts';
import { NodeProxy } from '../engine/network/proxy/node.ts';
import { restoreText, ruleCount } from '../engine/network/proxy/tables.ts';
import { RULE_MATCH_MS } from '../engine/network/traffic/trace.ts';
import { Rng } from '../engine/util/rng.ts';

function service(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: 'bench' },
    spec: { clusterIP: `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  } as KubeObject;
}

function slice(i: number, eps: number, ready = true): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `svc-${i}-abcde`, namespace: 'bench', labels: { 'kubernetes.io/service-name': `svc-${i}` } },
    addressType: 'IPv4',
    endpoints: Array.from({ length: eps }, (_, e) => ({ addresses: [`10.${244 + (e >> 8)}.${(i * 7 + e) & 255}.${(i + e * 13) & 255}`], nodeName: `worker-${e % 3}`, conditions: { ready } })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  } as KubeObject;
}

/**
 * 10,000 Services × 10 endpoints through the kube-proxy model: full iptables render and rule count, the
 * re-render after one Service's endpoints change (a partial sync), the IPVS update for it, and the modelled
 * first-packet cost (rules compared in iptables mode vs one hash lookup in ipvs mode).
 */
export function kubeProxyBench(services: number, endpoints: number): { virtualMs: number; note: string; keepAlive?: unknown } {
  const cache = new ServiceCache();
  for (let i = 0; i < services; i++) {
    cache.onStoreEvent({ type: 'ADDED', resource: 'services', object: service(i), resourceVersion: 0 });
    cache.onStoreEvent({ type: 'ADDED', resource: 'endpointslices', object: slice(i, endpoints), resourceVersion: 0 });
  }
  const env = { cache, rng: new Rng(1), now: () => 0, clusterCIDR: '10.244.0.0/16', extraTables: () => undefined };
  const node = new NodeProxy('worker-1', '172.18.0.3', env);
  let t = performance.now();
  const tables = node.proxyTables();
  const text = restoreText(tables);
  const full = performance.now() - t;
  const rules = ruleCount(tables);
  // One Service changes: its slice is updated and only its fragment is rendered again.
  const target = Math.floor(services / 2);
  t = performance.now();
  cache.onStoreEvent({ type: 'MODIFIED', resource: 'endpointslices', object: slice(target, endpoints - 1), resourceVersion: 1 });
  const frags = cache.fragments(`bench/svc-${target}`, node.renderOptions());
  const one = performance.now() - t;
  t = performance.now();
  const vs = cache.ports(`bench/svc-${target}`).flatMap((p) => virtualServers(p, 'worker-1', '172.18.0.3', 'rr'));
  const ipvsOne = performance.now() - t;
  const last = service(services - 1) as unknown as { spec: { clusterIP: string } };
  const ipt = node.route({ srcIP: '10.244.1.9', dstIP: last.spec.clusterIP, dstPort: 80 });
  node.mode = 'ipvs';
  node.reset();
  const ipvs = node.route({ srcIP: '10.244.1.9', dstIP: last.spec.clusterIP, dstPort: 80 });
  const us = (rules = 0) => (rules * RULE_MATCH_MS * 1000).toFixed(1);
  return {
    virtualMs: 0,
    note: `full render ${full.toFixed(0)} ms (${rules} rules, ${(text.length / 1e6).toFixed(1)} MB); one Service re-rendered ${one.toFixed(2)} ms (${frags[0].nat.length} nat rules); ipvs update ${ipvsOne.toFixed(3)} ms (${vs.length} virtual server); first packet to the last Service (modelled at ${RULE_MATCH_MS * 1000} µs per rule): iptables ${ipt.rulesEvaluated} rules walked = ${us(ipt.rulesEvaluated)} µs, ipvs ${ipvs.rulesEvaluated} hash lookup = ${us(ipvs.rulesEvaluated)} µs`,
    keepAlive: cache,
  };
}
