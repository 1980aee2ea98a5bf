// The LabConnection contract, on the same thread (LocalConnection runs the worker's host code directly):
// requests resolve with what the engine answers, output arrives as chunks before the reply, the mirror
// (ClusterSource, clock, prompt, journal) is current when a request settles, streams run until cancelled,
// and the journal replays into the same cluster.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { LocalConnection } from './local.ts';

async function lab(nodes = 1) {
  const c = new LocalConnection({ origin: { seed: 1, nodes } });
  await c.ready;
  return c;
}

describe('LocalConnection', () => {
  it('answers run with output chunks first, and the mirror is current when it settles', async () => {
    const c = await lab();
    const chunks: string[] = [];
    const r = await c.run('kubectl create deployment web --image=nginx --replicas=2', (_s, t) => chunks.push(t));
    expect(r).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', code: 0, prompt: '$ ' });
    expect(chunks.join('')).toBe(r.stdout);
    await c.runUntilIdle(60_000);
    c.source.flush();
    const pods = c.source.getSnapshot().pods.filter((p) => p.metadata?.name?.startsWith('web-'));
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    expect(c.now()).toBeGreaterThan(0);
    expect(c.source.getNow()).toBe(c.now());
    c.dispose();
  });

  it('reports errors as kubectl does, exit code included', async () => {
    const c = await lab();
    expect(await c.run('kubectl get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1, prompt: '$ ' });
  });

  it('gets, lists, explains and completes from the worker side', async () => {
    const c = await lab();
    await c.run('kubectl create configmap cfg --from-literal=a=b');
    expect((await c.get('configmaps', 'cfg'))?.metadata?.name).toBe('cfg');
    expect((await c.list('nodes')).map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1']);
    await c.run('kubectl run solo --image=nginx');
    const e = await c.explainScheduling('default', 'solo');
    expect(e?.selectedNode).toBe('worker-1');
    expect((await c.complete('kubectl get configmaps c', 24)).candidates).toEqual(['cfg']);
  });

  it('streams kubectl get -w until cancel; the reply has exit code 130 and $? follows', async () => {
    const c = await lab();
    await c.run('kubectl run web --image=nginx');
    const out: string[] = [];
    const s = c.stream('kubectl get pods -w', (_s, t) => out.push(t));
    let settled = false;
    void s.done.then(() => (settled = true));
    await c.advance(30_000);
    expect(settled).toBe(false);
    expect(out.join('').split('\n')[0]).toBe('NAME   READY   STATUS              RESTARTS   AGE');
    expect(out.join('')).toMatch(/web {4}1\/1 {5}Running/);
    s.cancel();
    expect((await s.done).code).toBe(130);
    expect((await c.run('echo $?')).stdout).toBe('130\n');
    expect(c.record().entries.map((e) => Object.keys(e).filter((k) => k !== 'at')[0])).toEqual(['run', 'stream', 'interrupt', 'run']);
  });

  it('a non-streaming input through stream is a plain run', async () => {
    const c = await lab();
    const s = c.stream('kubectl get nodes -o name', () => {});
    expect(await s.done).toEqual({ stdout: 'node/control-plane\nnode/worker-1\n', stderr: '', code: 0, prompt: '$ ' });
    expect(c.record().entries.map((e) => 'run' in e && e.run)).toEqual(['kubectl get nodes -o name']);
  });

  it('advances time on ticker frames at the chosen speed', async () => {
    const c = await lab();
    // The lab's cluster is handed over booted: time moves on from the end of its boot.
    const t0 = c.now();
    c.setSpeed(10);
    await Promise.resolve();
    c.frame(1000);
    c.frame(1100);
    expect(c.now() - t0).toBe(1000);
    c.setSpeed(0);
    await Promise.resolve();
    c.frame(1200);
    expect(c.now() - t0).toBe(1000);
  });

  it("replays its journal (streams included) into the same cluster", async () => {
    const c = await lab();
    await c.run('kubectl create deployment web --image=nginx --replicas=3');
    await c.advance(4_000);
    const s = c.stream('kubectl get pods -w', () => {});
    await c.advance(7_000);
    s.cancel();
    await s.done;
    await c.run('kubectl scale deployment web --replicas=1');
    await c.advance(20_000);
    const want = (await c.run('kubectl get pods,rs -o wide')).stdout;
    const record = c.record();
    const again = new LocalConnection({ origin: { seed: 1, nodes: 1 }, record });
    await again.ready;
    expect(again.restored).toBe(true);
    expect(again.now()).toBe(record.end);
    expect((await again.run('kubectl get pods,rs -o wide')).stdout).toBe(want);
    expect((await again.run('echo $?')).stdout).toBe('0\n');
  });

  it('forwards every object event to watchers while someone watches', async () => {
    const c = await lab();
    const kinds: string[] = [];
    const stop = c.watch((ev) => kinds.push(ev.kind));
    await Promise.resolve();
    await c.run('kubectl create configmap cfg');
    expect(kinds).toContain('ConfigMap');
    stop();
    await Promise.resolve();
    kinds.length = 0;
    await c.run('kubectl create configmap cfg2');
    expect(kinds).toEqual([]);
  });

  it('the lab cluster replaced by lab cluster create is re-listed in full', async () => {
    const c = await lab();
    await c.run('lab cluster create --nodes 3');
    c.source.flush();
    expect(c.source.getSnapshot().nodes.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  it('the engine answers the same as a cluster built directly', async () => {
    const c = await lab();
    const direct = createCluster({ seed: 1, nodes: 1 });
    expect((await c.run('kubectl get nodes')).stdout).toBe(direct.run('kubectl get nodes').stdout);
  });
});
