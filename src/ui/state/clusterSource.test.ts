import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/index.ts';
import { ClusterSource, type SourceDelta, type TrackedKind } from './clusterSource.ts';

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, ...extra });
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const set = (o: KubeObject): [TrackedKind, 'S', KubeObject] => [o.kind as TrackedKind, 'S', o];
const del = (o: KubeObject): [TrackedKind, 'D', KubeObject] => [o.kind as TrackedKind, 'D', o];
const delta = (changes: SourceDelta['changes'], now = 0, full = false): SourceDelta => ({ full, changes, now });

describe('ClusterSource (the mirror fed by deltas)', () => {
  it('starts from a full delta', () => {
    const src = new ClusterSource();
    src.apply(delta([set(node('w1')), set(pod('a'))], 0, true));
    src.flush();
    const snap = src.getSnapshot();
    expect([snap.nodes.length, snap.pods.length]).toEqual([1, 1]);
  });

  it('batches deltas into one notification per flush', () => {
    const src = new ClusterSource();
    let calls = 0;
    src.subscribe(() => calls++);
    const before = src.getSnapshot();
    src.apply(delta([set(pod('a')), set(pod('b'))]));
    src.apply(delta([set(node('w1'))]));
    expect(calls).toBe(0);
    expect(src.getSnapshot()).toBe(before);
    src.flush();
    expect(calls).toBe(1);
    expect(src.getSnapshot().pods.map((p) => p.metadata?.name)).toEqual(['a', 'b']);
    expect(src.getSnapshot().version).toBe(before.version + 1);
  });

  it('quiet frames do not notify', () => {
    const src = new ClusterSource();
    let calls = 0;
    src.subscribe(() => calls++);
    src.flush();
    src.apply(delta([]));
    src.flush();
    expect(calls).toBe(0);
  });

  it('notifies when virtual time moved, keeping the same object snapshot', () => {
    const src = new ClusterSource();
    let calls = 0;
    src.subscribe(() => calls++);
    const snap = src.getSnapshot();
    src.apply(delta([], 1000));
    src.flush();
    expect([calls, src.getNow()]).toEqual([1, 1000]);
    expect(src.getSnapshot()).toBe(snap);
  });

  it('applies modifications and deletions', () => {
    const src = new ClusterSource();
    src.apply(delta([set(pod('a')), set(pod('a', { status: { phase: 'Running' } } as Partial<KubeObject>))]));
    src.flush();
    expect((src.getSnapshot().pods[0].status as { phase?: string }).phase).toBe('Running');
    src.apply(delta([del(pod('a'))]));
    src.flush();
    expect(src.getSnapshot().pods).toEqual([]);
  });

  it('a full delta replaces everything (the cluster was recreated)', () => {
    const src = new ClusterSource();
    src.apply(delta([set(node('w1')), set(pod('a'))], 0, true));
    src.flush();
    src.apply(delta([set(node('w2'))], 0, true));
    src.flush();
    expect(src.getSnapshot().nodes.map((n) => n.metadata?.name)).toEqual(['w2']);
    expect(src.getSnapshot().pods).toEqual([]);
  });
});

describe('ClusterSource by kind', () => {
  it('keeps an unchanged kind the same array instance across flushes', () => {
    const src = new ClusterSource();
    src.apply(delta([set(node('w1'))], 0, true));
    src.flush();
    const nodesBefore = src.getSnapshot().byKind.Node;
    src.apply(delta([set(pod('a'))]));
    src.flush();
    expect(src.getSnapshot().byKind.Node).toBe(nodesBefore);
    expect(src.getSnapshot().byKind.Pod.length).toBe(1);
  });
});
