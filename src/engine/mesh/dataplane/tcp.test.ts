// TCP through the sidecars, after Istio's TCP traffic-shifting task (istio.io/latest/docs/tasks/traffic-management/
// tcp-traffic-shifting) with samples/tcp-echo: VirtualService `tcp` routes become the outbound listener's tcp_proxy
// (pilot/pkg/networking/core/networkfilter.go: one destination → `cluster`, stat prefix the cluster name; several →
// `weighted_clusters`, stat prefix "NAME.NAMESPACE"); the tcp-echo server answers "PREFIX LINE" per line
// (samples/tcp-echo/src/main.go).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { outboundTcpProxy } from '../istiod/tcproutes.ts';
import type { MeshService } from '../istiod/model.ts';
import type { VsEntry } from '../istiod/routes.ts';
import { tcpEchoReply } from '../../images/apps/istio/tcpecho.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 7, nodes: 1 });
  run('istioctl install --set profile=minimal -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml');
  run('kubectl apply -f samples/curl/curl.yaml');
  c.advance(60_000);
});

const svc = { hostname: 'tcp-echo.default.svc.cluster.local', name: 'tcp-echo', namespace: 'default', address: '10.96.0.50', ports: [{ name: 'tcp', port: 9000, targetPort: 9000, protocol: 'TCP' }, { name: 'tcp-other', port: 9001, targetPort: 9001, protocol: 'TCP' }], source: {} } as unknown as MeshService;
const vs = (tcp: unknown[]): VsEntry[] => [{ namespace: 'default', name: 'tcp-echo', spec: { hosts: ['tcp-echo'], tcp } as never, created: '' }];
const lookup = (h: string) => (h === svc.hostname ? svc : undefined);

describe('outboundTcpProxy (VirtualService tcp routes)', () => {
  const cases = [
    { name: 'no VirtualService: the service cluster', vss: [], port: 9000, want: { statPrefix: 'outbound|9000||tcp-echo.default.svc.cluster.local', cluster: 'outbound|9000||tcp-echo.default.svc.cluster.local' } },
    { name: 'one destination: cluster, stat prefix = cluster', vss: vs([{ route: [{ destination: { host: 'tcp-echo', subset: 'v1', port: { number: 9000 } } }] }]), port: 9000, want: { statPrefix: 'outbound|9000|v1|tcp-echo.default.svc.cluster.local', cluster: 'outbound|9000|v1|tcp-echo.default.svc.cluster.local' } },
    { name: 'weighted: stat prefix NAME.NAMESPACE', vss: vs([{ match: [{ port: 9000 }], route: [{ destination: { host: 'tcp-echo', subset: 'v1' }, weight: 80 }, { destination: { host: 'tcp-echo', subset: 'v2' }, weight: 20 }] }]), port: 9000, want: { statPrefix: 'tcp-echo.default', weightedClusters: { clusters: [{ name: 'outbound|9000|v1|tcp-echo.default.svc.cluster.local', weight: 80 }, { name: 'outbound|9000|v2|tcp-echo.default.svc.cluster.local', weight: 20 }] } } },
    { name: 'weight 0 destinations are dropped', vss: vs([{ route: [{ destination: { host: 'tcp-echo', subset: 'v1' }, weight: 100 }, { destination: { host: 'tcp-echo', subset: 'v2' }, weight: 0 }] }]), port: 9001, want: { statPrefix: 'tcp-echo.default', weightedClusters: { clusters: [{ name: 'outbound|9001|v1|tcp-echo.default.svc.cluster.local', weight: 100 }] } } },
    { name: 'a match on another port does not apply', vss: vs([{ match: [{ port: 9000 }], route: [{ destination: { host: 'tcp-echo', subset: 'v2' } }] }]), port: 9001, want: { statPrefix: 'outbound|9001||tcp-echo.default.svc.cluster.local', cluster: 'outbound|9001||tcp-echo.default.svc.cluster.local' } },
    { name: 'a match for a gateway only does not apply to sidecars', vss: vs([{ match: [{ gateways: ['tcp-gw'] }], route: [{ destination: { host: 'tcp-echo', subset: 'v2' } }] }]), port: 9000, want: { statPrefix: 'outbound|9000||tcp-echo.default.svc.cluster.local', cluster: 'outbound|9000||tcp-echo.default.svc.cluster.local' } },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { '@type': _t, ...cfg } = outboundTcpProxy(svc, tc.port, tc.vss, lookup).filter.typedConfig as Record<string, unknown>;
      expect(cfg).toEqual(tc.want);
    });
  }
});

describe('tcp-echo', () => {
  const cases = [
    { name: 'one line', data: 'world\n', want: 'one world\n' },
    { name: 'two lines', data: 'a\nb\n', want: 'one a\none b\n' },
    { name: 'an unterminated line gets no answer (EOF before newline)', data: 'x', want: '' },
  ];
  for (const tc of cases) it(tc.name, () => expect(tcpEchoReply('one', tc.data).reply).toBe(tc.want));
});

describe('TCP through the sidecars', () => {
  it('nc through the client sidecar reaches tcp-echo over mTLS and counts as a tcp edge', () => {
    const r = run("kubectl exec deploy/curl -- sh -c 'echo world | nc tcp-echo 9000'");
    expect(r.stdout).toMatch(/^(one|two) world\n$/);
    const t = c.runtime.service<{ recentTraces(n: number): Array<{ steps: Array<{ title: string; data?: Record<string, unknown> }> }> }>('network')!.recentTraces(1)[0];
    expect(t.steps.some((s) => s.title.includes('tcp_proxy → outbound|9000||tcp-echo.default.svc.cluster.local'))).toBe(true);
    expect(t.steps.some((s) => s.data?.mtls === true)).toBe(true);
    const e = c.meshTelemetry().find((x) => x.protocol === 'tcp' && x.source.workload === 'curl');
    expect(e?.destination.service).toBe('tcp-echo.default.svc.cluster.local');
  });

  it('a weighted tcp route shifts connections 80/20 between subsets', () => {
    run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: tcp-echo}\nspec:\n  host: tcp-echo\n  subsets:\n  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: tcp-echo}\nspec:\n  hosts: [tcp-echo]\n  tcp:\n  - match: [{port: 9000}]\n    route:\n    - {destination: {host: tcp-echo, subset: v1}, weight: 80}\n    - {destination: {host: tcp-echo, subset: v2}, weight: 20}\nEOF');
    const out = run("kubectl exec deploy/curl -- sh -c 'for i in $(seq 1 200); do echo $i | nc tcp-echo 9000; done'").stdout;
    const two = out.split('\n').filter((l) => l.startsWith('two ')).length;
    const one = out.split('\n').filter((l) => l.startsWith('one ')).length;
    expect(one + two).toBe(200);
    expect(two).toBeGreaterThan(20);
    expect(two).toBeLessThan(60);
    expect(run('istioctl pc listener deploy/curl --port 9000').stdout).toMatch(/ 9000 ALL {3}Cluster: \n$/);
  });

  it('STRICT mTLS resets a plaintext TCP client outside the mesh; PERMISSIVE lets it through', () => {
    run('kubectl create namespace plain');
    run('kubectl run client -n plain --image=busybox --command -- sleep infinity');
    c.advance(20_000);
    expect(run("kubectl exec -n plain client -- sh -c 'echo hi | nc tcp-echo.default 9000'").stdout).toMatch(/^(one|two) hi\n$/);
    run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default}\nspec:\n  mtls: {mode: STRICT}\nEOF');
    const r = run("kubectl exec -n plain client -- sh -c 'echo hi | nc tcp-echo.default 9000'");
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Connection reset by peer');
    run('kubectl delete peerauthentication default');
  });

  it('an AuthorizationPolicy DENY on the port resets the connection (network RBAC filter)', () => {
    run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny-9000}\nspec:\n  selector: {matchLabels: {app: tcp-echo}}\n  action: DENY\n  rules: [{to: [{operation: {ports: ["9000"]}}]}]\nEOF');
    expect(run("kubectl exec deploy/curl -- sh -c 'echo hi | nc tcp-echo 9000'").stderr).toContain('Connection reset by peer');
    expect(run("kubectl exec deploy/curl -- sh -c 'echo hi | nc tcp-echo 9001'").stdout).toMatch(/^(one|two) hi\n$/);
    run('kubectl delete authorizationpolicy deny-9000');
  });
});
