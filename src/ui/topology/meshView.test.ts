// The mesh view end to end below React: the worker's `meshTelemetry` request (through LocalConnection, the worker's
// host code on the same thread) feeding the model, for Istio's Bookinfo behind its ingress gateway
// (istio.io/latest/docs/examples/bookinfo) and the "Request routing" task's virtual-service-all-v1.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../worker/local.ts';
import { MeshFeed } from './meshFeed.ts';
import { meshLoadHint } from './meshHint.ts';
import { appId, buildMeshTopology, wlId } from './meshModel.ts';
import { meshInstalled } from './meshView.tsx';

let c: LocalConnection;
const GATEWAY = "$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')";

beforeAll(async () => {
  c = new LocalConnection({ origin: { seed: 2, nodes: 2 } });
  await c.ready;
});
afterAll(() => {
  expect(c.engine?.cluster.runtime.internalErrors).toEqual([]);
  c.dispose();
});

const deployments = () => (c.source.flush(), c.source.getSnapshot().byKind.Deployment);

describe('mesh view over a LocalConnection', () => {
  it('without Istio: not installed, and the worker answers an empty snapshot', async () => {
    expect(meshInstalled(deployments())).toBe(false);
    expect(await c.meshTelemetry()).toEqual([]);
  });

  it('after istioctl install and Bookinfo: installed, no traffic yet, the hint names the gateway address', async () => {
    for (const line of ['istioctl install --set profile=demo -y', 'kubectl label namespace default istio-injection=enabled', 'lab sample bookinfo', 'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml', 'sleep 60']) await c.run(line);
    expect(meshInstalled(deployments())).toBe(true);
    const t = buildMeshTopology(await c.meshTelemetry());
    expect(t.live).toBe(false);
    c.source.flush();
    expect(meshLoadHint(c.source.getSnapshot().byKind.Service).at(-1)).toMatch(/^lab load http:\/\/\d+\.\d+\.\d+\.\d+\/productpage --rps 10 --duration 30s$/);
  });

  it('lab load through the gateway: the Bookinfo graph with reviews v1, v2, v3 in one box', async () => {
    await c.run(`lab load http://${GATEWAY}/productpage --rps 10 --duration 30s`);
    const t = buildMeshTopology(await c.meshTelemetry());
    expect(t.live).toBe(true);
    const reviews = t.nodes.filter((n) => n.parentId === appId('default', 'reviews')).map((n) => n.data.label);
    expect(reviews).toEqual(['v1', 'v2', 'v3']);
    const fromGateway = t.edges.find((e) => e.source === wlId('istio-system', 'istio-ingressgateway'))!;
    expect(fromGateway.target).toBe(wlId('default', 'productpage-v1'));
    expect(fromGateway.rps).toBeGreaterThan(9);
    expect(fromGateway.mtls).toBe(true);
    for (const e of t.edges) expect(e.tone).toBe('ok');
  });

  it('all to v1: after a minute the v2 and v3 edges are idle and the v1 edge names its route and subset', async () => {
    for (const line of ['kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml', 'kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml', 'sleep 61', `lab load http://${GATEWAY}/productpage --rps 10 --duration 10s`]) await c.run(line);
    const t = buildMeshTopology(await c.meshTelemetry());
    const to = (v: string) => t.edges.find((e) => e.source === wlId('default', 'productpage-v1') && e.target === wlId('default', `reviews-${v}`))!;
    expect([to('v1').tone, to('v2').tone, to('v3').tone]).toEqual(['ok', 'idle', 'idle']);
    expect(to('v1').route).toEqual({ virtualService: 'reviews.default', name: '#0', subset: 'v1' });
  });

  it('the feed asks the worker while subscribed and stops after', async () => {
    const feed = new MeshFeed(c, 0);
    let asked = 0;
    const real = c.meshTelemetry.bind(c);
    c.meshTelemetry = () => (asked++, real());
    const off = feed.subscribe(() => {});
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toBe(1);
    expect(feed.get()?.length).toBeGreaterThan(0);
    await c.advance(2000);
    expect(asked).toBe(2);
    off();
    await c.advance(2000);
    expect(asked).toBe(2);
  });
});
