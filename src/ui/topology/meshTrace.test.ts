// A request through the Istio ingress gateway to productpage (what `lab trace` records for
// `lab curl http://GATEWAY/productpage`: gateway pod → productpage pod), mapped to the mesh view.
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { appId, wlId } from './meshModel.ts';
import { meshIdsByGraphId, meshTrace, workloadOfPod } from './meshTrace.ts';

const pod = (namespace: string, name: string, owner?: { kind: string; name: string }, hash?: string): Pod => ({
  metadata: { name, namespace, ...(hash ? { labels: { 'pod-template-hash': hash } } : {}), ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true }] } : {}) },
});

describe('workloadOfPod', () => {
  // Istio's workload name: the Deployment for a ReplicaSet's pod (pod-template-hash dropped), else the controller.
  const cases: Array<{ name: string; pod: Pod; want: string }> = [
    { name: 'Deployment pod', pod: pod('default', 'reviews-v2-b975f7dfc-svf26', { kind: 'ReplicaSet', name: 'reviews-v2-b975f7dfc' }, 'b975f7dfc'), want: 'reviews-v2' },
    { name: 'StatefulSet pod', pod: pod('default', 'db-0', { kind: 'StatefulSet', name: 'db' }), want: 'db' },
    { name: 'bare ReplicaSet pod (no hash label)', pod: pod('default', 'rs-abcde', { kind: 'ReplicaSet', name: 'rs' }), want: 'rs' },
    { name: 'standalone pod', pod: pod('default', 'curl'), want: 'curl' },
  ];
  it.each(cases)('$name', ({ pod: p, want }) => expect(workloadOfPod(p)).toBe(want));
});

describe('meshTrace', () => {
  const pods = [
    pod('istio-system', 'istio-ingressgateway-86bbffc995-kk8wb', { kind: 'ReplicaSet', name: 'istio-ingressgateway-86bbffc995' }, '86bbffc995'),
    pod('default', 'productpage-v1-9d5ddf4bc-4qk6v', { kind: 'ReplicaSet', name: 'productpage-v1-9d5ddf4bc' }, '9d5ddf4bc'),
  ];
  const ids = meshIdsByGraphId(pods, [{ metadata: { name: 'productpage', namespace: 'default' } }]);
  const gw = wlId('istio-system', 'istio-ingressgateway');
  const pp = wlId('default', 'productpage-v1');
  const drawn = new Set([gw, pp, appId('default', 'productpage')]);
  const gwPod = 'pod:istio-system/istio-ingressgateway-86bbffc995-kk8wb';
  const ppPod = 'pod:default/productpage-v1-9d5ddf4bc-4qk6v';
  const cases: Array<{ name: string; anim: { lit: string[]; current?: string; edges: Array<[string, string]> }; want: { lit: string[]; current?: string; hops: string[] } }> = [
    { name: 'nothing in flight', anim: { lit: [], edges: [] }, want: { lit: [], hops: [] } },
    { name: 'at the gateway (the node it crossed is not drawn)', anim: { lit: ['node:worker-1', gwPod], current: gwPod, edges: [['node:worker-1', gwPod]] }, want: { lit: [gw], current: gw, hops: [] } },
    {
      name: 'delivered to productpage: one hop gateway → productpage',
      anim: { lit: ['node:worker-1', gwPod, ppPod], current: ppPod, edges: [['node:worker-1', gwPod], [gwPod, ppPod]] },
      want: { lit: [gw, pp], current: pp, hops: [`${gw}>${pp}`] },
    },
    {
      name: 'through the Service box to the pod',
      anim: { lit: [gwPod, 'obj:Service:default/productpage', ppPod], current: ppPod, edges: [[gwPod, 'obj:Service:default/productpage'], ['obj:Service:default/productpage', ppPod]] },
      want: { lit: [gw, appId('default', 'productpage'), pp], current: pp, hops: [`${gw}>${appId('default', 'productpage')}`, `${appId('default', 'productpage')}>${pp}`] },
    },
  ];
  it.each(cases)('$name', ({ anim, want }) => {
    const v = meshTrace({ lit: new Set(anim.lit), current: anim.current, edges: anim.edges.map(([source, target]) => ({ source, target })) }, ids, drawn);
    expect([...v.lit]).toEqual(want.lit);
    expect(v.current).toBe(want.current);
    expect([...v.hops]).toEqual(want.hops);
  });
});
