// Sidecar injection: the namespace/object selectors of Istio 1.24's istio-sidecar-injector webhooks
// (manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml) and the injector's own checks.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { injectRequired, webhookMatches, type InjectionInput } from './policy.ts';

const input = (o: Partial<InjectionInput>): InjectionInput => ({ namespace: 'default', namespaceLabels: {}, podLabels: {}, podAnnotations: {}, hostNetwork: false, ...o });

describe('injection policy', () => {
  const cases: { name: string; in: Partial<InjectionInput>; webhook: boolean; inject: boolean }[] = [
    { name: 'unlabelled namespace', in: {}, webhook: false, inject: true },
    { name: 'istio-injection=enabled', in: { namespaceLabels: { 'istio-injection': 'enabled' } }, webhook: true, inject: true },
    { name: 'istio-injection=disabled', in: { namespaceLabels: { 'istio-injection': 'disabled' } }, webhook: false, inject: true },
    { name: 'istio.io/rev=default', in: { namespaceLabels: { 'istio.io/rev': 'default' } }, webhook: true, inject: true },
    { name: 'enabled namespace, pod label inject=false', in: { namespaceLabels: { 'istio-injection': 'enabled' }, podLabels: { 'sidecar.istio.io/inject': 'false' } }, webhook: false, inject: false },
    { name: 'enabled namespace, pod annotation inject=false', in: { namespaceLabels: { 'istio-injection': 'enabled' }, podAnnotations: { 'sidecar.istio.io/inject': 'false' } }, webhook: true, inject: false },
    { name: 'unlabelled namespace, pod label inject=true', in: { podLabels: { 'sidecar.istio.io/inject': 'true' } }, webhook: true, inject: true },
    { name: 'kube-system, pod label inject=true', in: { namespace: 'kube-system', podLabels: { 'sidecar.istio.io/inject': 'true' } }, webhook: false, inject: false },
    { name: 'hostNetwork pod', in: { namespaceLabels: { 'istio-injection': 'enabled' }, hostNetwork: true }, webhook: true, inject: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(webhookMatches(input(c.in))).toBe(c.webhook);
      expect(injectRequired(input(c.in))).toBe(c.inject);
    });
  }
});

describe('injection through the API', () => {
  it('injects new pods of a labelled namespace (2/2), not pods created before the label', () => {
    const c = createCluster({ seed: 2, nodes: 2 });
    expect(c.run('istioctl install --set profile=minimal -y').exitCode).toBe(0);
    c.run('kubectl run before --image=nginx');
    c.run('kubectl label namespace default istio-injection=enabled');
    c.run('kubectl run after --image=nginx --port=80');
    c.advance(20_000);
    const out = c.run('kubectl get pods').stdout;
    expect(out).toMatch(/^after\s+2\/2\s+Running/m);
    expect(out).toMatch(/^before\s+1\/1\s+Running/m);
    const pod = c.get('pods', 'after', 'default') as unknown as { spec: { initContainers: { name: string; args: string[] }[]; containers: { name: string; ports?: { name?: string; containerPort: number }[]; readinessProbe?: { httpGet?: { path: string; port: number } } }[] }; metadata: { annotations: Record<string, string>; labels: Record<string, string> } };
    expect(pod.spec.initContainers.map((x) => x.name)).toEqual(['istio-init']);
    expect(pod.spec.initContainers[0].args.slice(0, 5)).toEqual(['istio-iptables', '-p', '15001', '-z', '15006']);
    const proxy = pod.spec.containers[1];
    expect(proxy.name).toBe('istio-proxy');
    expect(proxy.ports).toEqual([{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }]);
    expect(proxy.readinessProbe?.httpGet).toMatchObject({ path: '/healthz/ready', port: 15021 });
    expect(JSON.parse(pod.metadata.annotations['sidecar.istio.io/status']).containers).toEqual(['istio-proxy']);
    expect(pod.metadata.labels['security.istio.io/tlsMode']).toBe('istio');
    // The iptables rules of istio-init, as its log shows them.
    expect(c.run('kubectl logs after -c istio-init').stdout).toContain('-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001');
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('fails pod creation while istiod has no endpoint (failurePolicy: Fail); no webhook without Istio', () => {
    const c = createCluster({ seed: 2, nodes: 1 });
    c.run('kubectl label namespace default istio-injection=enabled');
    expect(c.run('kubectl run plain --image=nginx').exitCode).toBe(0);
    c.run('istioctl install --set profile=minimal -y');
    c.run('kubectl scale deployment istiod -n istio-system --replicas=0');
    c.advance(60_000);
    const r = c.run('kubectl run x --image=nginx');
    expect(r.stderr).toBe('Error from server (InternalError): Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": no endpoints available for service "istiod"\n');
  });
});

describe('the pod netns rules', () => {
  it('are published once istio-init has run', () => {
    const c = createCluster({ seed: 3, nodes: 1 });
    c.run('istioctl install --set profile=minimal -y');
    c.run('kubectl label namespace default istio-injection=enabled');
    c.run('kubectl run web --image=nginx');
    const netns = () => c.runtime.service<{ iptablesSave(ns: string, pod: string): string | undefined }>('mesh-netns')!.iptablesSave('default', 'web');
    c.advance(30_000);
    expect(netns()).toContain('-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006\n');
  });
});
