import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { MAX_LRU_CACHE_ENTRIES } from './recorder.ts';

function setup() {
  const c = createCluster({ nodes: 0 });
  const rt = c.runtime;
  const obj = rt.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' } });
  const source = { component: 'test' };
  const counts = (message: string) =>
    rt.store
      .list('events', 'default')
      .filter((e) => e.message === message)
      .map((e) => e.count as number);
  return { rt, obj, source, counts };
}

describe('EventRecorder', () => {
  it('folds identical events into one with a rising count', () => {
    const { rt, obj, source, counts } = setup();
    for (let i = 0; i < 3; i++) rt.events.normal(obj, 'Reason', 'same', source);
    rt.events.warning(obj, 'Reason', 'same', source);
    expect(counts('same').sort()).toEqual([1, 3]);
  });

  it('forgets the least recently seen event beyond the LRU size, as client-go', () => {
    const { rt, obj, source, counts } = setup();
    rt.events.normal(obj, 'Reason', 'first', source);
    rt.events.normal(obj, 'Reason', 'refreshed', source);
    for (let i = 0; i < MAX_LRU_CACHE_ENTRIES - 2; i++) rt.events.normal(obj, 'Reason', `filler ${i}`, source);
    // The cache is full; seeing "refreshed" again counts it and makes it the most recently used.
    rt.events.normal(obj, 'Reason', 'refreshed', source);
    rt.events.normal(obj, 'Reason', 'one more', source);
    // "first" was evicted: it is recorded as a new Event; "refreshed" is still remembered.
    rt.events.normal(obj, 'Reason', 'first', source);
    rt.events.normal(obj, 'Reason', 'refreshed', source);
    expect(counts('first')).toEqual([1, 1]);
    expect(counts('refreshed')).toEqual([3]);
  });
});
