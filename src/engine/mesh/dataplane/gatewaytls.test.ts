// TLS at the ingress gateway, after Istio's "Secure Gateways" task (istio.io/latest/docs/tasks/traffic-management/
// ingress/secure-ingress): SIMPLE serves the credentialName Secret's certificate by SNI, a missing Secret fails the
// handshake (curl: (35) ... SSL_ERROR_SYSCALL, and istioctl analyze IST0101 "Referenced credentialName not found"),
// MUTUAL asks for a client certificate (curl: (56) ... certificate required), httpsRedirect answers 301 (Envoy's
// require_tls ALL), plaintext to the TLS port gets no reply (curl: (52)). Listener and route names follow
// pilot/pkg/networking/core/gateway.go (gatewayRDSRouteName "https.443.https.GATEWAY.NS").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

const gateway = (mode: string) => `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: mygateway}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [httpbin.example.com]
    tls: {httpsRedirect: true}
  - port: {number: 443, name: https, protocol: HTTPS}
    tls: {mode: ${mode}, credentialName: httpbin-credential}
    hosts: [httpbin.example.com]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin.example.com]
  gateways: [mygateway]
  http:
  - match: [{uri: {prefix: /status}}]
    route: [{destination: {port: {number: 8000}, host: httpbin}}]
EOF`;
const secret = (extra = '') => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Secret
metadata: {name: httpbin-credential, namespace: istio-system}
type: kubernetes.io/tls
stringData: {tls.crt: "-----BEGIN CERTIFICATE-----", tls.key: "-----BEGIN PRIVATE KEY-----"${extra}}
EOF`;

beforeAll(() => {
  c = createCluster({ seed: 17, nodes: 1 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/httpbin/httpbin.yaml');
  run('kubectl create namespace plain');
  run('kubectl run client -n plain --image=curlimages/curl --command -- sleep infinity');
  c.advance(60_000);
});

const LB = '172.18.255.200';
const curl = (args: string) => run(`kubectl exec -n plain client -- curl ${args}`);
const https = (host = 'httpbin.example.com', extra = '') => curl(`-sS -k ${extra} -o /dev/null -w "%{http_code}" --resolve ${host}:443:${LB} https://${host}/status/418`);

describe('Gateway TLS', () => {
  it('the gateway listener has one TLS filter chain per server, matched by SNI, and its own route', () => {
    run(gateway('SIMPLE'));
    expect(run('istioctl pc listener -n istio-system deploy/istio-ingressgateway --port 8443').stdout).toBe('ADDRESSES PORT MATCH                    DESTINATION\n0.0.0.0   8443 SNI: httpbin.example.com Route: https.443.https.mygateway.default\n');
    const l = JSON.parse(run('istioctl pc listener -n istio-system deploy/istio-ingressgateway --port 8443 -o json').stdout)[0];
    expect(l.filterChains[0].transportSocket.typedConfig.commonTlsContext.tlsCertificateSdsSecretConfigs[0].name).toBe('kubernetes://httpbin-credential');
    expect(l.filterChains[0].transportSocket.typedConfig.requireClientCertificate).toBe(false);
  });

  const cases = [
    { name: 'missing Secret: the handshake fails', setup: [] as string[], probe: () => https(), stdout: '000', stderr: 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to httpbin.example.com:443 \n', exit: 35 },
    { name: 'with the Secret: 418 over TLS', setup: [secret()], probe: () => https(), stdout: '418', stderr: '', exit: 0 },
    { name: 'lab curl https from outside the cluster: 418', setup: [], probe: () => (run(`lab curl -H Host:httpbin.example.com https://${LB}/status/418`), run('lab trace --last')), stdout: expect.stringMatching(/^Trace #\d+ {2}lab curl https:\/\/172\.18\.255\.200\/status\/418\n[\s\S]*Result: HTTP 418 in /) as unknown as string, stderr: '', exit: 0 },
    { name: 'an SNI no server serves: the handshake fails', setup: [], probe: () => https('other.example.com'), stdout: '000', stderr: 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.example.com:443 \n', exit: 35 },
    { name: 'httpsRedirect: plaintext gets 301', setup: [], probe: () => curl(`-s -o /dev/null -w "%{http_code}" -H Host:httpbin.example.com http://${LB}/status/418`), stdout: '301', stderr: '', exit: 0 },
    { name: 'plaintext to the TLS port: empty reply', setup: [], probe: () => curl(`-sS -o /dev/null -w "%{http_code}" -H Host:httpbin.example.com http://${LB}:443/status/418`), stdout: '000', stderr: 'curl: (52) Empty reply from server\n', exit: 52 },
    { name: 'MUTUAL without a client certificate: certificate required', setup: [gateway('MUTUAL'), secret(', ca.crt: "-----BEGIN CERTIFICATE-----"')], probe: () => https(), stdout: '000', stderr: 'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\n', exit: 56 },
    { name: 'MUTUAL with a client certificate: 418', setup: [], probe: () => https('httpbin.example.com', '--cert client.crt --key client.key'), stdout: '418', stderr: '', exit: 0 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      for (const s of tc.setup) expect(run(s).exitCode).toBe(0);
      const r = tc.probe();
      expect({ stdout: r.stdout, stderr: r.stderr.replace(/command terminated with exit code \d+\n$/, '') }).toEqual({ stdout: tc.stdout, stderr: tc.stderr });
      expect(r.exitCode).toBe(tc.exit);
    });
  }

  it('a Gateway TCP server (demo profile port 31400) routes tcp-echo by the bound VirtualService (TCP traffic shifting task)', () => {
    expect(run('kubectl get svc istio-ingressgateway -n istio-system -o jsonpath={.spec.ports[*].name}').stdout).toBe('status-port http2 https tcp tls');
    run('kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml');
    run('kubectl run nc -n plain --image=busybox --command -- sleep infinity');
    c.advance(40_000);
    run('kubectl apply -f samples/tcp-echo/tcp-echo-all-v1.yaml');
    expect(run(`kubectl exec -n plain nc -- sh -c 'for i in 1 2 3; do echo $i | nc ${LB} 31400; done'`).stdout).toBe('one 1\none 2\none 3\n');
    expect(run('istioctl pc listener -n istio-system deploy/istio-ingressgateway --port 31400').stdout).toBe('ADDRESSES PORT  MATCH DESTINATION\n0.0.0.0   31400 ALL   Cluster: outbound|9000|v1|tcp-echo.default.svc.cluster.local\n');
    run('kubectl delete -f samples/tcp-echo/tcp-echo-all-v1.yaml');
    expect(run(`kubectl exec -n plain nc -- sh -c 'echo x | nc ${LB} 31400'`).stderr).toContain('Connection refused');
  });

  it('istioctl analyze reports a missing credentialName (IST0101)', () => {
    run('kubectl delete secret httpbin-credential -n istio-system');
    const r = run('istioctl analyze');
    expect(r.stdout).toContain('Error [IST0101] (Gateway default/mygateway) Referenced credentialName not found: "httpbin-credential"\n');
    expect(r.exitCode).toBe(79);
  });
});
