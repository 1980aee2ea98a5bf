// A Service the client's Sidecar resource does not import (istio.io/latest/docs/reference/config/networking/sidecar,
// egress hosts) is not in the proxy's registry: under outboundTrafficPolicy ALLOW_ANY the request takes the
// allow_any virtual host to PassthroughCluster (ORIGINAL_DST), and the connection to the ClusterIP goes through
// kube-proxy like any pod's; under REGISTRY_ONLY the block_all virtual host answers 502 (egress-control task).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
let curl = '';

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 17, nodes: 2 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/curl/curl.yaml');
  // web listens on port 80, a port the ingress gateway's Service also has: the sidecar keeps an HTTP listener
  // 0.0.0.0_80 whose route configuration has no virtual host for web once the Sidecar hides it.
  run('kubectl create deployment web --image=nginx --port=80');
  run('kubectl expose deployment web --port=80');
  run('kubectl create namespace empty');
  run('kubectl expose deployment web --port=80 --name=web-none --selector=app=nothing');
  c.advance(60_000);
  curl = c.list('pods', 'default').find((p) => p.metadata.labels?.app === 'curl')!.metadata.name!;
  apply('apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default}\nspec:\n  egress:\n  - hosts: ["istio-system/*"]');
  c.advance(5_000);
});

const mode = (m: string) => run(`kubectl patch configmap istio -n istio-system --type merge -p '{"data":{"mesh":"outboundTrafficPolicy:\\n  mode: ${m}\\n"}}'`);
const fetch = (url: string) => run(`kubectl exec ${curl} -c curl -- curl -s -w ' %{http_code}' ${url}`).stdout;

describe('a ClusterIP the Sidecar resource does not import', () => {
  const cases = [
    { name: 'ALLOW_ANY: passes through to the Service through kube-proxy', mode: 'ALLOW_ANY', url: 'http://web/', want: /<title>Welcome to nginx!<\/title>[\s\S]* 200$/ },
    { name: 'ALLOW_ANY: a Service without endpoints refuses the connection (503 UF)', mode: 'ALLOW_ANY', url: 'http://web-none/', want: /^upstream connect error or disconnect\/reset before headers\. (retried and the latest )?reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused 503$/ },
    { name: 'REGISTRY_ONLY: BlackHoleCluster, 502', mode: 'REGISTRY_ONLY', url: 'http://web/', want: /^ 502$/ },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      mode(tc.mode);
      c.advance(2_000);
      expect(fetch(tc.url)).toMatch(tc.want);
    });
  }
});
