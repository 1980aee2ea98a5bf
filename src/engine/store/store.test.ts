import { describe, expect, it } from 'vitest';
import { adoptReusing, clone, cloneReusing, HISTORY_CAPACITY, ObjectStore } from './store.ts';

describe('cloneReusing', () => {
  const prev = { a: { x: 1, y: [1, 2] }, b: { z: 'q' }, c: [{ k: 1 }, { k: 2 }] };
  const cases: Array<{ name: string; input: unknown; sharedPaths: string[]; freshPaths: string[] }> = [
    { name: 'equal value returns prev itself', input: clone(prev), sharedPaths: [''], freshPaths: [] },
    { name: 'changed leaf: fresh spine, shared siblings', input: { ...clone(prev), a: { x: 2, y: [1, 2] } }, sharedPaths: ['b', 'c', 'a.y'], freshPaths: ['', 'a'] },
    { name: 'changed array element: fresh array, shared equal elements', input: { ...clone(prev), c: [{ k: 1 }, { k: 3 }] }, sharedPaths: ['a', 'b', 'c.0'], freshPaths: ['', 'c', 'c.1'] },
    { name: 'extra key makes the object fresh', input: { ...clone(prev), d: 1 }, sharedPaths: ['a', 'b', 'c'], freshPaths: [''] },
    { name: 'missing key makes the object fresh', input: { a: clone(prev.a), b: clone(prev.b) }, sharedPaths: ['a', 'b'], freshPaths: [''] },
    { name: 'undefined values count as absent', input: { ...clone(prev), d: undefined }, sharedPaths: [''], freshPaths: [] },
  ];
  const at = (v: unknown, path: string): unknown => (path ? path.split('.').reduce((o: unknown, k) => (o as Record<string, unknown>)[k], v) : v);
  it.each(cases)('$name', ({ input, sharedPaths, freshPaths }) => {
    const out = cloneReusing(input, prev);
    expect(out).toEqual(clone(input));
    for (const p of sharedPaths) expect(at(out, p), `shared ${p}`).toBe(at(prev, p));
    for (const p of freshPaths) {
      expect(at(out, p), `fresh ${p}`).not.toBe(at(prev, p));
      expect(at(out, p), `not the input ${p}`).not.toBe(at(input, p));
    }
  });

  it('never aliases the input, so the caller may keep mutating it', () => {
    const input = { a: { x: 5 }, list: [{ v: 1 }] };
    const out = cloneReusing(input, { a: { x: 1 } });
    input.a.x = 6;
    input.list[0].v = 2;
    expect(out).toEqual({ a: { x: 5 }, list: [{ v: 1 }] });
  });

  it('drops undefined keys as clone does', () => {
    expect(cloneReusing({ a: 1, b: undefined }, undefined)).toEqual({ a: 1 });
    expect(Object.keys(cloneReusing({ a: 1, b: undefined }, { a: 2 }))).toEqual(['a']);
  });
});

describe('adoptReusing', () => {
  const prev = { a: { x: 1, y: [1, 2] }, b: { z: 'q' }, c: [{ k: 1 }, { k: 2 }] };
  // The same table as cloneReusing's, except that fresh parts are the input's own instances (no copy).
  const cases: Array<{ name: string; input: () => Record<string, unknown>; sharedPaths: string[]; inputPaths: string[] }> = [
    { name: 'equal value returns prev itself', input: () => clone(prev), sharedPaths: [''], inputPaths: [] },
    { name: 'changed leaf: the input spine, shared siblings', input: () => ({ ...clone(prev), a: { x: 2, y: [1, 2] } }), sharedPaths: ['b', 'c', 'a.y'], inputPaths: ['', 'a'] },
    { name: 'changed array element: the input array, shared equal elements', input: () => ({ ...clone(prev), c: [{ k: 1 }, { k: 3 }] }), sharedPaths: ['a', 'b', 'c.0'], inputPaths: ['', 'c', 'c.1'] },
    { name: 'extra key keeps the input object', input: () => ({ ...clone(prev), d: 1 }), sharedPaths: ['a', 'b', 'c'], inputPaths: [''] },
    { name: 'undefined values count as absent', input: () => ({ ...clone(prev), d: undefined }), sharedPaths: [''], inputPaths: [] },
  ];
  const at = (v: unknown, path: string): unknown => (path ? path.split('.').reduce((o: unknown, k) => (o as Record<string, unknown>)[k], v) : v);
  it.each(cases)('$name', ({ input, sharedPaths, inputPaths }) => {
    const v = input();
    const before = at(v, '');
    const spine = inputPaths.map((p) => at(v, p));
    const want = clone(v);
    const out = adoptReusing(v, prev);
    expect(out).toEqual(want);
    for (const p of sharedPaths) expect(at(out, p), `shared ${p}`).toBe(at(prev, p));
    inputPaths.forEach((p, i) => expect(at(out, p), `input ${p}`).toBe(spine[i]));
    if (inputPaths.includes('')) expect(out).toBe(before);
  });
});

describe('ObjectStore lists', () => {
  const obj = (name: string, namespace?: string, v = 0) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { v: String(v) } });
  const names = (os: Array<{ metadata: { name?: string; namespace?: string } }>) => os.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

  it('lists in namespace-then-name order through adds, updates and removes', () => {
    const s = new ObjectStore();
    for (const [n, ns] of [['b', 'x'], ['a', 'y'], ['c', 'x'], ['a', 'x'], ['B', 'x']] as const) s.put('configmaps', obj(n, ns));
    expect(names(s.list('configmaps'))).toEqual(['x/B', 'x/a', 'x/b', 'x/c', 'y/a']);
    expect(names(s.list('configmaps', 'x'))).toEqual(['x/B', 'x/a', 'x/b', 'x/c']);
    // An update keeps the order and the list shows the new version.
    s.put('configmaps', obj('b', 'x', 2));
    expect(s.list('configmaps', 'x').map((o) => (o.data as { v: string }).v)).toEqual(['0', '0', '2', '0']);
    s.put('configmaps', obj('aa', 'x'));
    s.remove('configmaps', 'x', 'c');
    s.remove('configmaps', 'y', 'a');
    expect(names(s.list('configmaps'))).toEqual(['x/B', 'x/a', 'x/aa', 'x/b']);
    expect(s.list('configmaps', 'y')).toEqual([]);
    expect([s.count('configmaps'), s.count('configmaps', 'x'), s.count('configmaps', 'y')]).toEqual([4, 4, 0]);
    // Callers own the arrays they get.
    s.list('configmaps').reverse();
    expect(names(s.list('configmaps'))).toEqual(['x/B', 'x/a', 'x/aa', 'x/b']);
  });

  it('keeps cluster-scoped objects apart from namespaced lookups', () => {
    const s = new ObjectStore();
    s.put('nodes', obj('n2'));
    s.put('nodes', obj('n1'));
    expect(names(s.list('nodes'))).toEqual(['/n1', '/n2']);
    expect(s.list('nodes', 'default')).toEqual([]);
    expect(s.get('nodes', undefined, 'n1')?.metadata.name).toBe('n1');
    expect(s.get('nodes', 'default', 'n1')).toBeUndefined();
  });
});

// Watchers see events as iterating a Set of them would (the store's former representation): in subscription
// order, a watcher removed during a dispatch before its turn is skipped, one added during it is called.
describe('ObjectStore watch dispatch', () => {
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } });
  const cases: Array<{ name: string; want: string[]; setup(s: ObjectStore, log: string[]): void }> = [
    {
      name: 'subscription order',
      want: ['a', 'b', 'c', 'a', 'b', 'c'],
      setup(s, log) {
        for (const n of ['a', 'b', 'c']) s.watch(() => log.push(n));
      },
    },
    {
      name: 'a watcher removed by an earlier one is skipped',
      want: ['a', 'c', 'a', 'c'],
      setup(s, log) {
        let stopB: () => void = () => undefined;
        s.watch(() => {
          log.push('a');
          stopB();
        });
        stopB = s.watch(() => log.push('b'));
        s.watch(() => log.push('c'));
      },
    },
    {
      name: 'a watcher added during the dispatch gets the event',
      want: ['a', 'b', 'late', 'a', 'b', 'late'],
      setup(s, log) {
        let added = false;
        s.watch(() => {
          log.push('a');
          if (!added) s.watch(() => log.push('late'));
          added = true;
        });
        s.watch(() => log.push('b'));
      },
    },
    {
      name: 'a watcher that stops itself is not called again',
      want: ['a', 'b', 'b'],
      setup(s, log) {
        const stop = s.watch(() => {
          log.push('a');
          stop();
        });
        s.watch(() => log.push('b'));
      },
    },
  ];
  it.each(cases)('$name', ({ setup, want }) => {
    const s = new ObjectStore();
    const log: string[] = [];
    setup(s, log);
    s.put('pods', pod('p1'));
    s.put('pods', pod('p2'));
    expect(log).toEqual(want);
  });
});

// A watch resumes from a resourceVersion while the events after it are still held (the apiserver's watch cache,
// staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go: getAllEventsSince answers "too old resource
// version" once the oldest held event is newer than the requested version + 1).
describe('ObjectStore event history', () => {
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
  const cases: Array<{ name: string; writes: number; since: number; want: number[] | undefined }> = [
    { name: 'from the start, nothing dropped', writes: 3, since: 0, want: [1, 2, 3] },
    { name: 'from a recent version', writes: 5, since: 3, want: [4, 5] },
    { name: 'from the current version: no events', writes: 5, since: 5, want: [] },
    { name: 'exactly full: version 0 still answers', writes: HISTORY_CAPACITY, since: 0, want: Array.from({ length: HISTORY_CAPACITY }, (_, i) => i + 1) },
    { name: 'one over: version 0 is too old', writes: HISTORY_CAPACITY + 1, since: 0, want: undefined },
    { name: 'one over: the oldest held event minus one answers', writes: HISTORY_CAPACITY + 1, since: 1, want: Array.from({ length: HISTORY_CAPACITY }, (_, i) => i + 2) },
    { name: 'wrapped around: the newest events in order', writes: 2 * HISTORY_CAPACITY + 7, since: 2 * HISTORY_CAPACITY + 4, want: [2 * HISTORY_CAPACITY + 5, 2 * HISTORY_CAPACITY + 6, 2 * HISTORY_CAPACITY + 7] },
  ];
  it.each(cases)('$name', ({ writes, since, want }) => {
    const s = new ObjectStore();
    for (let i = 0; i < writes; i++) s.put('configmaps', cm(`c${i % 3}`));
    expect(s.eventsSince(since)?.map((e) => e.resourceVersion)).toEqual(want);
  });

  it('replays types, resources and objects, not the versions they replaced', () => {
    const s = new ObjectStore();
    s.put('configmaps', cm('a'));
    const second = s.put('configmaps', { ...cm('a'), data: { k: 'v' } });
    s.remove('configmaps', 'default', 'a');
    const evs = s.eventsSince(0)!;
    expect(evs.map((e) => [e.type, e.resource, e.object.metadata.resourceVersion])).toEqual([
      ['ADDED', 'configmaps', '1'],
      ['MODIFIED', 'configmaps', '2'],
      ['DELETED', 'configmaps', '3'],
    ]);
    expect(evs[1].object).toBe(second.object);
    expect(evs.every((e) => e.oldObject === undefined)).toBe(true);
  });

  it('restore drops the history: older versions get 410', () => {
    const s = new ObjectStore();
    s.put('configmaps', cm('a'));
    const snap = s.snapshot();
    s.put('configmaps', cm('b'));
    s.restore(snap);
    expect(s.eventsSince(0)).toEqual([]);
    s.put('configmaps', cm('c'));
    expect(s.eventsSince(0)).toBeUndefined();
    expect(s.eventsSince(1)?.map((e) => e.object.metadata.name)).toEqual(['c']);
  });
});
