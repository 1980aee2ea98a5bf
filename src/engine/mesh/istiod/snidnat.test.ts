// AUTO_PASSTHROUGH (the east-west gateway of istio.io/latest/docs/setup/install/multicluster: samples/multicluster/
// expose-services.yaml, port 15443 "tls", hosts "*.local"), as pilot/pkg/networking/core/gateway.go
// builtAutoPassthroughFilterChains and cluster_builder.go buildOutboundSniDnatClusters build it in Istio 1.24:
// one filter chain per service port and DestinationRule subset within the server's hosts, matched on the SNI-DNAT
// name outbound_.PORT_.SUBSET_.HOST (model.BuildDNSSrvSubsetKey) and Istio's mTLS ALPNs, each forwarding to the
// SNI-DNAT cluster of that name — an EDS cluster without TLS settings; MESH_EXTERNAL ServiceEntries and UDP ports
// are left out.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { IstiodService, ProxyConfig } from '../envoy/types.ts';

let c: ReturnType<typeof createCluster>;
const apply = (yaml: string) => expect(c.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
const gatewayConfig = (): ProxyConfig => {
  const pod = c.list('pods', 'istio-system').find((p) => p.metadata.labels?.istio === 'ingressgateway')!;
  return c.runtime.service<IstiodService>('istiod')!.configFor('istio-system', pod.metadata.name!)!;
};
const eastWest = (hosts: string) => `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: cross-network-gateway, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 15443, name: tls, protocol: TLS}\n    tls: {mode: AUTO_PASSTHROUGH}\n    hosts: ["${hosts}"]`;

beforeAll(() => {
  c = createCluster({ seed: 9, nodes: 1 });
  c.run('istioctl install --set profile=demo -y');
  c.run('kubectl label namespace default istio-injection=enabled');
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews}\nspec:\n  selector: {matchLabels: {app: reviews}}\n  template:\n    metadata: {labels: {app: reviews, version: v1}}\n    spec: {containers: [{name: r, image: nginx, ports: [{containerPort: 9080}]}]}');
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec:\n  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]');
  apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n  subsets: [{name: v1, labels: {version: v1}}]');
  apply('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext}\nspec:\n  hosts: [api.example.local]\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports: [{number: 443, name: https, protocol: TLS}]');
  c.advance(60_000);
});

describe('AUTO_PASSTHROUGH on 15443', () => {
  it('no AUTO_PASSTHROUGH server: no 15443 listener and no SNI-DNAT clusters', () => {
    const cfg = gatewayConfig();
    expect(cfg.listeners.some((l) => l.name === '0.0.0.0_15443')).toBe(false);
    expect(cfg.clusters.some((x) => x.name.startsWith('outbound_.'))).toBe(false);
  });

  const cases = [
    {
      name: 'hosts "*.local": every mesh service port and subset, MESH_EXTERNAL entries and UDP ports left out',
      hosts: '*.local',
      has: ['outbound_.9080_._.reviews.default.svc.cluster.local', 'outbound_.9080_.v1_.reviews.default.svc.cluster.local', 'outbound_.53_._.kube-dns.kube-system.svc.cluster.local'],
      hasNot: ['outbound_.443_._.api.example.local'],
    },
    {
      name: 'hosts "*.default.svc.cluster.local": only that namespace',
      hosts: '*.default.svc.cluster.local',
      has: ['outbound_.9080_._.reviews.default.svc.cluster.local', 'outbound_.443_._.kubernetes.default.svc.cluster.local'],
      hasNot: ['outbound_.53_._.kube-dns.kube-system.svc.cluster.local'],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      apply(eastWest(tc.hosts));
      const cfg = gatewayConfig();
      const l = cfg.listeners.find((x) => x.name === '0.0.0.0_15443')!;
      const sni = l.filterChains.map((ch) => ch.filterChainMatch?.serverNames?.[0]);
      for (const h of tc.has) expect(sni).toContain(h);
      for (const h of tc.hasNot) expect(sni).not.toContain(h);
      for (const ch of l.filterChains) {
        expect(ch.filterChainMatch?.applicationProtocols).toEqual(['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']);
        expect(ch.filters.map((f) => f.typedConfig)).toEqual([{ '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', statPrefix: ch.filterChainMatch!.serverNames![0], cluster: ch.filterChainMatch!.serverNames![0] }]);
      }
      // Every chain's cluster is pushed; SNI-DNAT clusters carry no TLS (the client's mTLS passes through).
      const clusters = new Map(cfg.clusters.map((x) => [x.name, x]));
      for (const h of sni) expect(clusters.has(h!)).toBe(true);
      const v1 = clusters.get('outbound_.9080_.v1_.reviews.default.svc.cluster.local')!;
      expect([v1.type, v1.edsClusterConfig?.serviceName, v1.transportSocket, v1.transportSocketMatches]).toEqual(['EDS', 'outbound_.9080_.v1_.reviews.default.svc.cluster.local', undefined, undefined]);
      expect(clusters.get('outbound|9080|v1|reviews.default.svc.cluster.local')!.transportSocket?.name).toBe('envoy.transport_sockets.tls');
    });
  }

  it('istioctl proxy-config cluster lists SNI-DNAT clusters by name, as names without "|"', () => {
    const pod = c.list('pods', 'istio-system').find((p) => p.metadata.labels?.istio === 'ingressgateway')!.metadata.name!;
    const out = c.run(`istioctl proxy-config cluster ${pod}.istio-system --fqdn reviews`).stdout;
    expect(out.split('\n').filter((l) => l.startsWith('outbound_.')).map((l) => l.split(/\s+/).slice(0, 6).join(' '))).toEqual([
      'outbound_.9080_._.reviews.default.svc.cluster.local - - - EDS reviews.default',
      'outbound_.9080_.v1_.reviews.default.svc.cluster.local - - - EDS reviews.default',
    ]);
  });
});
