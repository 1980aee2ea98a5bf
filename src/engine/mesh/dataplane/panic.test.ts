// Envoy's panic threshold under Istio outlier detection. Istio's applyOutlierDetection
// (pilot/pkg/networking/core/cluster_traffic_policy.go) sets healthy_panic_threshold to the DestinationRule's
// minHealthPercent, 0 (panic mode off) when unset; Envoy's default is 50% (arch_overview/load_balancing/panic_threshold).
// With the only endpoint ejected: panic off → 503 "no healthy upstream" (UH); panic on → the request still goes to it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { buildOutboundCluster } from '../istiod/clusters.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
let curl = '';

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 13, nodes: 1 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/curl/curl.yaml');
  // One endpoint whose container does not listen on the service's target port: every request fails (UF).
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: broken}\nspec:\n  selector: {matchLabels: {app: broken}}\n  template:\n    metadata: {labels: {app: broken}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}');
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: broken}\nspec:\n  selector: {app: broken}\n  ports: [{name: http, port: 9080}]');
  c.advance(60_000);
  curl = c.list('pods', 'default').find((p) => p.metadata.labels?.app === 'curl')!.metadata.name!;
});

beforeEach(() => run('kubectl delete destinationrules --all'));

const body = () => run(`kubectl exec ${curl} -c curl -- curl -s http://broken:9080/`).stdout;

describe('healthy_panic_threshold with outlierDetection', () => {
  const cases = [
    { name: 'minHealthPercent unset: panic mode off, the ejected only endpoint gets nothing', od: '{consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m}', want: 'no healthy upstream' },
    { name: 'minHealthPercent 50: panic mode, the request still goes to the ejected endpoint', od: '{consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, minHealthPercent: 50}', want: 'upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      apply(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: broken}\nspec:\n  host: broken\n  trafficPolicy:\n    outlierDetection: ${tc.od}`);
      body(); // the first failure ejects the endpoint (consecutive5xxErrors 1)
      expect(body()).toContain(tc.want);
    });
  }
});

describe('the cluster istiod builds', () => {
  const svc = { hostname: 'broken.default.svc.cluster.local', namespace: 'default', name: 'broken' } as unknown as Parameters<typeof buildOutboundCluster>[0];
  const port = { port: 9080, name: 'http', protocol: 'HTTP' } as unknown as Parameters<typeof buildOutboundCluster>[1];
  const cases = [
    { name: 'no outlierDetection: Envoy default (field unset)', tp: {}, want: undefined },
    { name: 'outlierDetection: healthy_panic_threshold {} (0%)', tp: { outlierDetection: { consecutive5xxErrors: 1 } }, want: {} },
    { name: 'minHealthPercent 30', tp: { outlierDetection: { consecutive5xxErrors: 1, minHealthPercent: 30 } }, want: { value: 30 } },
    { name: 'minHealthPercent -1: left to Envoy', tp: { outlierDetection: { consecutive5xxErrors: 1, minHealthPercent: -1 } }, want: undefined },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const cl = buildOutboundCluster(svc, port, { host: 'broken', trafficPolicy: tc.tp } as Parameters<typeof buildOutboundCluster>[2], undefined);
      expect(cl.commonLbConfig?.healthyPanicThreshold).toEqual(tc.want);
    });
  }
});
