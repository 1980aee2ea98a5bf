// Auto mTLS and PeerAuthentication DISABLE (istio.io/latest/docs/tasks/security/authentication/mtls-migration and
// authn-policy; pilot/pkg/model/push_context.go BestEffortInferServiceMTLSMode: only namespace- and mesh-wide
// PeerAuthentication count): a namespace-wide DISABLE makes clients send plaintext (the cluster gets no TLS
// transport socket); a workload-level DISABLE is not inferred, so auto-mTLS clients still send mTLS and the
// server's plaintext-only listener resets them (503, "upstream connect error ... connection termination").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 11, nodes: 1 });
  run('istioctl install --set profile=minimal -y');
  run('kubectl create namespace foo');
  run('kubectl label namespace foo istio-injection=enabled');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -n foo -f samples/httpbin/httpbin.yaml');
  run('kubectl apply -f samples/curl/curl.yaml');
  c.advance(60_000);
});

const curl = () => run('kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}" http://httpbin.foo:8000/get').stdout;
const lastMtls = () => c.meshTelemetry().find((e) => e.destination.service === 'httpbin.foo.svc.cluster.local' && e.source.workload === 'curl')?.mtls;
const hasTls = () => run('istioctl pc cluster deploy/curl --fqdn httpbin.foo.svc.cluster.local -o json').stdout.includes('envoy.transport_sockets.tls');

describe('auto mTLS and PeerAuthentication', () => {
  const cases = [
    { name: 'no policy: mTLS', pa: '', code: '200', mtls: true, clusterTls: true },
    { name: 'namespace-wide DISABLE: the client sends plaintext', pa: 'metadata: {name: default, namespace: foo}\nspec:\n  mtls: {mode: DISABLE}', code: '200', mtls: false, clusterTls: false },
    { name: 'mesh-wide DISABLE (root namespace): plaintext', pa: 'metadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: DISABLE}', code: '200', mtls: false, clusterTls: false },
    { name: 'namespace STRICT over mesh DISABLE: mTLS', pa: 'metadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: DISABLE}\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: foo}\nspec:\n  mtls: {mode: STRICT}', code: '200', mtls: true, clusterTls: true },
    { name: 'workload-level DISABLE is not inferred: mTLS is reset, 503', pa: 'metadata: {name: httpbin, namespace: foo}\nspec:\n  selector: {matchLabels: {app: httpbin}}\n  mtls: {mode: DISABLE}', code: '503', mtls: true, clusterTls: true },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      run('kubectl delete peerauthentication --all -A');
      if (tc.pa) run(`kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\n${tc.pa}\nEOF`);
      expect(hasTls()).toBe(tc.clusterTls);
      expect(curl()).toBe(tc.code);
      expect(lastMtls()).toBe(tc.mtls);
    });
  }
});
