// The empty mesh view's suggestion follows Istio's Bookinfo task (istio.io/latest/docs/examples/bookinfo:
// label the namespace, deploy, apply bookinfo-gateway.yaml, send requests to http://$GATEWAY_URL/productpage).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/index.ts';
import { meshLoadHint } from './meshHint.ts';

const svc = (namespace: string, name: string, ip?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, ...(ip ? { status: { loadBalancer: { ingress: [{ ip }] } } } : {}) }) as KubeObject;

describe('meshLoadHint', () => {
  const gw = svc('istio-system', 'istio-ingressgateway', '172.18.255.200');
  const cases: Array<{ name: string; services: KubeObject[]; want: string[] }> = [
    {
      name: 'Bookinfo deployed, gateway address known',
      services: [gw, svc('default', 'productpage')],
      want: ['kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml', 'lab load http://172.18.255.200/productpage --rps 10 --duration 30s'],
    },
    {
      name: 'no Bookinfo yet: deploy it with injection first',
      services: [gw],
      want: ['kubectl label namespace default istio-injection=enabled', 'lab sample bookinfo', 'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml', 'lab load http://172.18.255.200/productpage --rps 10 --duration 30s'],
    },
    {
      name: 'gateway without an external address yet: the task’s $GATEWAY_URL',
      services: [svc('istio-system', 'istio-ingressgateway'), svc('default', 'productpage')],
      want: ['kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml', 'lab load http://$GATEWAY_URL/productpage --rps 10 --duration 30s'],
    },
  ];
  it.each(cases)('$name', ({ services, want }) => expect(meshLoadHint(services)).toEqual(want));
});
