import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../engine/api/types.ts';
import { createCluster } from '../engine/index.ts';
import { configDumpLines } from '../engine/mesh/istiod/size.ts';
import { meshFor } from '../engine/mesh/mesh.ts';
import type { BenchResult } from './scenarios.ts';

/**
 * istiod at scale: SERVICES Services (HTTP port 9080, 2 endpoints each) across 50 namespaces and PROXIES
 * sidecar-injected pods. Measures the time to compute every proxy's configuration, to recompute all of them
 * after one VirtualService change, and one proxy's config size (dump lines) without and with a Sidecar
 * resource limiting egress to `./*` and `istio-system/*`.
 */
export function istioBench(services = 1000, proxies = 2000): BenchResult {
  const c = createCluster({ nodes: 0, seed: 3 });
  const rt = c.runtime;
  const mesh = meshFor(rt);
  mesh.activate();
  const namespaces = 50;
  const ip = (i: number) => `10.${244 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
  for (let n = 0; n < namespaces; n++) rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } });
  const pods: { ns: string; name: string }[] = [];
  for (let p = 0; p < proxies; p++) {
    const ns = `ns-${p % namespaces}`;
    const name = `app-${p}`;
    const svc = p % services;
    rt.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { app: `svc-${svc}`, version: 'v1', 'security.istio.io/tlsMode': 'istio' }, annotations: { 'sidecar.istio.io/status': '{}' } },
      spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 9080 }] }] },
    } as KubeObject);
    pods.push({ ns, name });
  }
  for (let s = 0; s < services; s++) {
    const ns = `ns-${s % namespaces}`;
    rt.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}`, namespace: ns }, spec: { ports: [{ name: 'http', port: 9080 }] } } as KubeObject);
    rt.api.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: `svc-${s}`, namespace: ns },
      subsets: [{ addresses: [0, 1].map((k) => ({ ip: ip(s * 2 + k), targetRef: { kind: 'Pod', name: `app-${s + k * services}`, namespace: ns } })), ports: [{ name: 'http', port: 9080 }] }],
    } as KubeObject);
  }
  rt.settle();
  const istiod = mesh.istiod;
  const all = () => {
    let n = 0;
    for (const p of pods) if (istiod.configFor(p.ns, p.name)) n++;
    return n;
  };
  let t = performance.now();
  const built = all();
  const fullMs = performance.now() - t;
  rt.api.create({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'svc-7', namespace: 'ns-7' },
    spec: { hosts: ['svc-7'], http: [{ route: [{ destination: { host: 'svc-7' }, weight: 100 }], timeout: '2s' }] },
  } as KubeObject);
  t = performance.now();
  all();
  const vsMs = performance.now() - t;
  const before = configDumpLines(istiod.configFor('ns-0', 'app-0')!);
  rt.api.create({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'default', namespace: 'ns-0' },
    spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }] },
  } as KubeObject);
  const after = configDumpLines(istiod.configFor('ns-0', 'app-0')!);
  return {
    virtualMs: 0,
    note: `${built} proxies: all configs ${fullMs.toFixed(0)} ms, after 1 VirtualService change ${vsMs.toFixed(0)} ms; dump of one proxy ${before} lines, with Sidecar ${after} lines (${(before / after).toFixed(1)}× smaller)`,
    keepAlive: c,
  };
}
