import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject, type WatchEvent } from '../../engine/index.ts';
import { ClusterSource, type WatchableCluster } from './clusterSource.ts';

/** A stand-in cluster: a clock, a list of initial objects, and a way to emit watch events. */
function fakeCluster(initial: KubeObject[] = []) {
  const listeners = new Set<(ev: WatchEvent) => void>();
  let now = 0;
  const cluster: WatchableCluster = {
    list: (kind: string) => initial.filter((o) => `${o.kind.toLowerCase()}s` === kind),
    watch: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    now: () => now,
  };
  let rv = 0;
  return {
    cluster,
    emit: (type: WatchEvent['type'], object: KubeObject) => listeners.forEach((l) => l({ type, kind: object.kind, object, resourceVersion: String(++rv) })),
    tick: (ms: number) => (now += ms),
  };
}

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } });
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

describe('ClusterSource', () => {
  it('starts from the listed nodes and pods', () => {
    const f = fakeCluster([node('w1'), pod('a')]);
    const snap = new ClusterSource(f.cluster).getSnapshot();
    expect([snap.nodes.length, snap.pods.length]).toEqual([1, 1]);
  });

  it('batches changes into one notification per flush', () => {
    const f = fakeCluster();
    const src = new ClusterSource(f.cluster);
    let calls = 0;
    src.subscribe(() => calls++);
    const before = src.getSnapshot();
    f.emit('ADDED', pod('a'));
    f.emit('ADDED', pod('b'));
    f.emit('ADDED', node('w1'));
    expect(calls).toBe(0);
    expect(src.getSnapshot()).toBe(before);
    src.flush();
    expect(calls).toBe(1);
    expect(src.getSnapshot().pods.map((p) => p.metadata?.name)).toEqual(['a', 'b']);
    expect(src.getSnapshot().version).toBe(before.version + 1);
  });

  it('ignores other kinds and quiet frames', () => {
    const f = fakeCluster();
    const src = new ClusterSource(f.cluster);
    let calls = 0;
    src.subscribe(() => calls++);
    f.emit('ADDED', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    src.flush();
    expect(calls).toBe(0);
  });

  it('notifies when virtual time moved, keeping the same object snapshot', () => {
    const f = fakeCluster();
    const src = new ClusterSource(f.cluster);
    let calls = 0;
    src.subscribe(() => calls++);
    const snap = src.getSnapshot();
    f.tick(1000);
    src.flush();
    expect([calls, src.getNow()]).toEqual([1, 1000]);
    expect(src.getSnapshot()).toBe(snap);
  });

  it('applies modifications and deletions; stops after dispose', () => {
    const f = fakeCluster();
    const src = new ClusterSource(f.cluster);
    f.emit('ADDED', pod('a'));
    f.emit('MODIFIED', { ...pod('a'), status: { phase: 'Running' } });
    src.flush();
    expect(src.getSnapshot().pods[0].status?.phase).toBe('Running');
    f.emit('DELETED', pod('a'));
    src.flush();
    expect(src.getSnapshot().pods).toEqual([]);
    src.dispose();
    f.emit('ADDED', pod('b'));
    src.flush();
    expect(src.getSnapshot().pods).toEqual([]);
    src.connect();
    expect(src.getSnapshot().pods).toEqual([]);
    f.emit('ADDED', pod('c'));
    src.flush();
    expect(src.getSnapshot().pods.map((p) => p.metadata?.name)).toEqual(['c']);
  });

  it('follows core Events', () => {
    const ev = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' } });
    const f = fakeCluster([ev('a.1')]);
    const src = new ClusterSource(f.cluster);
    f.emit('ADDED', ev('b.2'));
    src.flush();
    expect(src.getSnapshot().events.map((e) => e.metadata?.name)).toEqual(['a.1', 'b.2']);
  });
});

describe('ClusterSource by kind', () => {
  it('keeps an unchanged kind the same array instance across flushes', () => {
    const f = fakeCluster([node('w1')]);
    const src = new ClusterSource(f.cluster);
    const nodesBefore = src.getSnapshot().byKind.Node;
    f.emit('ADDED', pod('a'));
    src.flush();
    expect(src.getSnapshot().byKind.Node).toBe(nodesBefore);
    expect(src.getSnapshot().byKind.Pod.length).toBe(1);
  });

  it('follows Services and ignores kinds the view does not draw', () => {
    const f = fakeCluster();
    const src = new ClusterSource(f.cluster);
    f.emit('ADDED', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' } });
    f.emit('ADDED', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' } });
    src.flush();
    expect(src.getSnapshot().byKind.Service.map((s) => s.metadata?.name)).toEqual(['web']);
    expect(Object.keys(src.getSnapshot().byKind)).not.toContain('ConfigMap');
  });
});

describe('ClusterSource after lab cluster create', () => {
  it('re-lists the new cluster and notifies subscribers', () => {
    const c = createCluster({ nodes: 1 });
    const src = new ClusterSource(c);
    let calls = 0;
    src.subscribe(() => calls++);
    expect(src.getSnapshot().nodes.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1']);
    c.run('lab cluster create --nodes 3');
    expect(calls).toBeGreaterThan(0);
    expect(src.getSnapshot().nodes.map((n) => n.metadata?.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    c.run('kubectl create deployment web --image=nginx');
    c.advance(5_000);
    src.flush();
    expect(src.getSnapshot().pods.some((p) => p.metadata?.name?.startsWith('web-'))).toBe(true);
  });
});
