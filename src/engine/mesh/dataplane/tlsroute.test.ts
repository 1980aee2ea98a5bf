// VirtualService tls routes in the data plane, after Istio's task "Ingress Gateway without TLS Termination"
// (istio.io/latest/docs/tasks/traffic-management/ingress/ingress-sni-passthrough): a Gateway server with tls.mode
// PASSTHROUGH gets one filter chain per tls route match (server_names = sniHosts, tcp_proxy to the destination,
// pilot/pkg/networking/core/gateway.go buildGatewayNetworkFiltersFromTLSRoutes), the backend terminates TLS and
// curl prints its page; an SNI no route names finds no filter chain (curl: (35)). Sidecars route TLS service
// ports by SNI too (pilot/pkg/networking/core/tls.go buildSidecarOutboundTLSFilterChainOpts): a matching tls route
// wins, a connection without a matching SNI is closed, and without tls routes the service's own cluster serves
// every SNI. istioctl proxy-config listener prints the chains as istioctl/pkg/writer/envoy/configdump/listener.go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

const LB = '172.18.255.200';
const nginxPage = expect.stringContaining('<title>Welcome to nginx!</title>') as unknown as string;

beforeAll(() => {
  c = createCluster({ seed: 23, nodes: 1 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  // my-nginx as in the task, except that Kubelab's nginx serves its page on 80 (see SIMPLIFICATIONS.md).
  for (const name of ['my-nginx', 'other-nginx']) {
    apply(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {run: ${name}}}\n  template:\n    metadata: {labels: {run: ${name}}}\n    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}`);
    apply(`apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, labels: {run: ${name}}}\nspec:\n  selector: {run: ${name}}\n  ports: [{name: https, port: 443, targetPort: 80, protocol: TCP}]`);
  }
  apply('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: mygateway}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    tls: {mode: PASSTHROUGH}\n    hosts: [nginx.example.com]');
  apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: nginx}\nspec:\n  hosts: [nginx.example.com]\n  gateways: [mygateway]\n  tls:\n  - match: [{port: 443, sniHosts: [nginx.example.com]}]\n    route: [{destination: {host: my-nginx, port: {number: 443}}}]');
  run('kubectl run client --image=curlimages/curl --command -- sleep infinity');
  run('kubectl create namespace plain');
  run('kubectl run client -n plain --image=curlimages/curl --command -- sleep infinity');
  c.advance(60_000);
});

const gatewayPod = () => c.list('pods', 'istio-system').find((p) => p.metadata.labels?.istio === 'ingressgateway')!.metadata.name!;
const fromOutside = (host: string) => run(`kubectl exec -n plain client -- curl -sS -k --resolve ${host}:443:${LB} https://${host}/`);

describe('Gateway PASSTHROUGH (ingress without TLS termination)', () => {
  it('the listener has one chain per tls route match, by SNI', () => {
    expect(run(`istioctl proxy-config listener ${gatewayPod()}.istio-system --port 8443`).stdout).toBe(
      'ADDRESSES PORT MATCH                  DESTINATION\n' + '0.0.0.0   8443 SNI: nginx.example.com Cluster: outbound|443||my-nginx.default.svc.cluster.local\n',
    );
  });

  const cases = [
    { name: 'curl https://nginx.example.com reaches the backend, which terminates TLS', host: 'nginx.example.com', stdout: nginxPage, stderr: '', exit: 0 },
    { name: 'an SNI no tls route names finds no filter chain: the handshake fails', host: 'other.example.com', stdout: '', stderr: 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.example.com:443 \ncommand terminated with exit code 35\n', exit: 35 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = fromOutside(tc.host);
      expect({ stdout: r.stdout, stderr: r.stderr, exit: r.exitCode }).toEqual({ stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
    });
  }

  it('the trace names the tls route and the passthrough', () => {
    fromOutside('nginx.example.com');
    const t = run('lab trace --last').stdout;
    expect(t).toContain('SNI nginx.example.com → VirtualService nginx.default tls route #0 → tcp_proxy outbound|443||my-nginx.default.svc.cluster.local');
    expect(t).toContain("the application terminates the client's TLS (SNI nginx.example.com)");
  });

  it('telemetry counts a TCP connection from the gateway to my-nginx', () => {
    const e = c.meshTelemetry().find((x) => x.source.workload === 'istio-ingressgateway' && x.destination.service === 'my-nginx.default.svc.cluster.local');
    expect(e?.protocol).toBe('tcp');
    expect(e?.mtls).toBe(true);
  });
});

describe('sidecar outbound TLS routing by SNI', () => {
  const viaSidecar = (url: string) => run(`kubectl exec client -- curl -sS -k ${url}`);
  it('without a tls route, the service cluster serves any SNI', () => {
    expect(viaSidecar('https://my-nginx/').stdout).toEqual(nginxPage);
  });
  it('a mesh tls route sends the SNI it names elsewhere and closes connections without a matching SNI', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: my-nginx}\nspec:\n  hosts: [my-nginx]\n  tls:\n  - match: [{port: 443, sniHosts: [my-nginx]}]\n    route: [{destination: {host: other-nginx}}]');
    const client = c.list('pods', 'default').find((p) => p.metadata.name === 'client')!.metadata.name!;
    const listener = run(`istioctl proxy-config listener ${client} --port 443`).stdout.split('\n').filter((l) => l.includes('SNI'));
    expect(listener.some((l) => /^10\.\S+ +443 +SNI: my-nginx +Cluster: outbound\|443\|\|other-nginx\.default\.svc\.cluster\.local$/.test(l))).toBe(true);
    expect(viaSidecar('https://my-nginx/').stdout).toEqual(nginxPage);
    expect(run('lab trace --last').stdout).toContain('VirtualService my-nginx.default tls route #0 → tcp_proxy outbound|443||other-nginx.default.svc.cluster.local');
    // Raw TCP carries no ClientHello: no SNI chain takes it and the sidecar closes the connection.
    expect(run("kubectl exec client -- sh -c 'echo hi | nc my-nginx 443'").stderr).toContain('Connection reset by peer');
    expect(run('lab trace --last').stdout).toContain('no ClientHello, so no SNI: none of the filter chains matches and Envoy closes the connection');
    const ip = (c.get('services', 'my-nginx', 'default')!.spec as { clusterIP: string }).clusterIP;
    const r = viaSidecar(`https://${ip}/`);
    expect([r.exitCode, r.stderr]).toEqual([35, `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${ip}:443 \ncommand terminated with exit code 35\n`]);
  });
});

// Istio's task "Accessing External Services" (istio.io/latest/docs/tasks/traffic-management/egress/egress-control):
// under REGISTRY_ONLY, `curl https://www.google.com` fails its handshake ("curl: (35) ... SSL_ERROR_SYSCALL") until a
// ServiceEntry (port 443 https, protocol TLS, resolution DNS) registers the host; a host without VIP is served on
// the shared 0.0.0.0_443 listener by SNI, other SNIs take its fallthrough chain (BlackHoleCluster).
describe('egress TLS to a ServiceEntry host (REGISTRY_ONLY)', () => {
  const code = (url: string) => run(`kubectl exec client -- curl -sS -o /dev/null -w "%{http_code}" ${url}`);
  beforeAll(() => {
    run(`kubectl patch configmap istio -n istio-system --type merge -p '{"data":{"mesh":"outboundTrafficPolicy:\\n  mode: REGISTRY_ONLY\\n"}}'`);
  });
  const failed = (host: string) => ({ stdout: '000', stderr: `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${host}:443 \ncommand terminated with exit code 35\n`, exit: 35 });
  const cases = [
    { name: 'no ServiceEntry: the handshake fails', se: false, url: 'https://www.google.com', want: failed('www.google.com') },
    { name: 'a TLS ServiceEntry for www.google.com: it answers', se: true, url: 'https://www.google.com', want: { stdout: '200', stderr: '', exit: 0 } },
    { name: 'another host still fails', se: true, url: 'https://github.com', want: failed('github.com') },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      if (tc.se) apply('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: google}\nspec:\n  hosts: [www.google.com]\n  ports: [{number: 443, name: https, protocol: TLS}]\n  resolution: DNS\n  location: MESH_EXTERNAL');
      const r = code(tc.url);
      expect({ stdout: r.stdout, stderr: r.stderr, exit: r.exitCode }).toEqual(tc.want);
    });
  }
  it('the trace shows the SNI chain of 0.0.0.0_443', () => {
    code('https://www.google.com');
    expect(run('lab trace --last').stdout).toContain('SNI www.google.com → tcp_proxy outbound|443||www.google.com');
  });
});
