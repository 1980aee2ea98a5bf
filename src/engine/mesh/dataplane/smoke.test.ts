import { it } from 'vitest';
import { createCluster } from '../../index.ts';
it('smoke', () => {
  const c = createCluster({ seed: 7, nodes: 2 });
  const run = (l: string) => { const r = c.run(l); console.log('$ ' + l + '\n' + r.stdout.slice(0, 300) + r.stderr); return r; };
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('lab sample bookinfo');
  run('kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml');
  c.advance(60_000);
  run(`lab curl -v http://172.18.255.200/productpage`);
  run(`istioctl proxy-config routes deploy/istio-ingressgateway -n istio-system`);
  run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route: [{destination: {host: reviews, subset: v1}, weight: 30}, {destination: {host: reviews, subset: v2}, weight: 30}]\n    timeout: banana\nEOF');
});
