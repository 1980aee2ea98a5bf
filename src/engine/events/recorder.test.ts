import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { AGGREGATE_MAX_EVENTS, COMBINED_PREFIX, MAX_LRU_CACHE_ENTRIES, SPAM_BURST } from './correlator.ts';

function setup() {
  const c = createCluster({ nodes: 0, boot: false });
  const rt = c.runtime;
  const mk = (name: string) => rt.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
  const obj = mk('cm');
  const source = { component: 'test' };
  const events = () => rt.store.list('events', 'default');
  const counts = (message: string) =>
    events()
      .filter((e) => e.message === message)
      .map((e) => e.count as number);
  return { c, rt, mk, obj, source, events, counts };
}

type Step = { reason?: string; message: string; advanceMs?: number; object?: string };

// The cases follow client-go's tools/record/events_cache.go (defaults: aggregate after 10 similar events
// within 600 s, spam burst 25 per source and object refilled at 1/300 qps, LRU caches of 4,096) and its
// events_cache_test.go (TestEventCorrelator: "the-same-event-should-just-count", "create-many-unique-events",
// "similar-events-should-aggregate-event", "similar-events-many-times-should-count-the-aggregate").
const cases: Array<{ name: string; steps: Step[]; want: Array<{ message: string; count: number }> }> = [
  {
    name: 'the same event just counts',
    steps: [{ message: 'same' }, { message: 'same' }, { message: 'same' }],
    want: [{ message: 'same', count: 3 }],
  },
  {
    name: 'nine similar events stay apart',
    steps: Array.from({ length: AGGREGATE_MAX_EVENTS - 1 }, (_, i) => ({ message: `m${i}` })),
    want: Array.from({ length: AGGREGATE_MAX_EVENTS - 1 }, (_, i) => ({ message: `m${i}`, count: 1 })),
  },
  {
    name: 'the tenth similar event is combined',
    steps: Array.from({ length: AGGREGATE_MAX_EVENTS }, (_, i) => ({ message: `m${i}` })),
    want: [
      ...Array.from({ length: AGGREGATE_MAX_EVENTS - 1 }, (_, i) => ({ message: `m${i}`, count: 1 })),
      { message: `${COMBINED_PREFIX}m9`, count: 1 },
    ],
  },
  {
    name: 'more similar events count the combined event, whose message follows the latest',
    steps: Array.from({ length: AGGREGATE_MAX_EVENTS + 3 }, (_, i) => ({ message: `m${i}` })),
    want: [
      ...Array.from({ length: AGGREGATE_MAX_EVENTS - 1 }, (_, i) => ({ message: `m${i}`, count: 1 })),
      { message: `${COMBINED_PREFIX}m12`, count: 4 },
    ],
  },
  {
    name: 'different reasons are not similar',
    steps: Array.from({ length: AGGREGATE_MAX_EVENTS }, (_, i) => ({ reason: `R${i}`, message: 'x' })),
    want: Array.from({ length: AGGREGATE_MAX_EVENTS }, () => ({ message: 'x', count: 1 })),
  },
  {
    name: 'similar events more than 10 minutes apart start a fresh aggregation',
    steps: Array.from({ length: AGGREGATE_MAX_EVENTS }, (_, i) => ({ message: `m${i}`, advanceMs: i === 9 ? 600_001 : 0 })),
    want: Array.from({ length: AGGREGATE_MAX_EVENTS }, (_, i) => ({ message: `m${i}`, count: 1 })),
  },
  {
    name: 'a source may burst 25 events about an object, then the rest are dropped',
    steps: Array.from({ length: 40 }, (_, i) => ({ reason: `R${i}`, message: 'x' })),
    want: Array.from({ length: SPAM_BURST }, () => ({ message: 'x', count: 1 })),
  },
  {
    name: 'the spam filter is per object',
    steps: Array.from({ length: 40 }, (_, i) => ({ reason: `R${i}`, message: 'x', object: i < 20 ? 'a' : 'b' })),
    want: Array.from({ length: 40 }, () => ({ message: 'x', count: 1 })),
  },
  {
    name: 'counts go on while dropped: the next write after the refill shows them',
    steps: [...Array.from({ length: SPAM_BURST + 5 }, () => ({ message: 'same' })), { message: 'same', advanceMs: 300_000 }],
    want: [{ message: 'same', count: SPAM_BURST + 6 }],
  },
];

describe('EventRecorder correlates events as client-go', () => {
  it.each(cases)('$name', ({ steps, want }) => {
    const { c, rt, mk, obj, source, events } = setup();
    const objects = new Map<string, ReturnType<typeof mk>>();
    for (const s of steps) {
      if (s.advanceMs) c.advance(s.advanceMs);
      let o = obj;
      if (s.object) {
        if (!objects.has(s.object)) objects.set(s.object, mk(s.object));
        o = objects.get(s.object)!;
      }
      rt.events.normal(o, s.reason ?? 'Reason', s.message, source);
    }
    const got = events()
      .filter((e) => (e.involvedObject as { kind: string }).kind === 'ConfigMap')
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => ({ message: e.message as string, count: e.count as number }));
    // Creation order: each Event's first write.
    expect(got.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))).toEqual(
      [...want].sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)),
    );
  });

  it('a combined event has no reporting fields and keeps its first timestamp', () => {
    const { c, rt, obj, source, events } = setup();
    for (let i = 0; i < AGGREGATE_MAX_EVENTS; i++) rt.events.normal(obj, 'Reason', `m${i}`, source);
    c.advance(5000);
    rt.events.normal(obj, 'Reason', 'later', source);
    const combined = events().filter((e) => String(e.message).startsWith(COMBINED_PREFIX));
    expect(combined.map((e) => [e.message, e.count, e.reportingComponent, e.reportingInstance, e.firstTimestamp, e.lastTimestamp])).toEqual([
      [`${COMBINED_PREFIX}later`, 2, '', '', '2025-01-01T00:00:00Z', '2025-01-01T00:00:05Z'],
    ]);
  });

  it('a repeat of a deleted Event re-creates it with its count', () => {
    const { rt, obj, source, counts, events } = setup();
    rt.events.normal(obj, 'Reason', 'same', source);
    rt.api.delete('events', 'default', events()[0].metadata.name!);
    rt.events.normal(obj, 'Reason', 'same', source);
    expect(counts('same')).toEqual([2]);
  });

  it('forgets the least recently seen event beyond the LRU size, as client-go', () => {
    const { rt, mk, source, counts } = setup();
    // One object per event keeps the spam filter and the aggregator out of the way.
    const objs = Array.from({ length: MAX_LRU_CACHE_ENTRIES + 2 }, (_, i) => mk(`o${i}`));
    const first = objs[0];
    rt.events.normal(first, 'Reason', 'first', source);
    rt.events.normal(objs[1], 'Reason', 'refreshed', source);
    for (let i = 2; i < MAX_LRU_CACHE_ENTRIES; i++) rt.events.normal(objs[i], 'Reason', 'filler', source);
    // The cache is full; seeing "refreshed" again counts it and makes it the most recently used.
    rt.events.normal(objs[1], 'Reason', 'refreshed', source);
    rt.events.normal(objs[MAX_LRU_CACHE_ENTRIES], 'Reason', 'one more', source);
    // "first" was evicted: it is recorded as a new Event; "refreshed" is still remembered.
    rt.events.normal(first, 'Reason', 'first', source);
    rt.events.normal(objs[1], 'Reason', 'refreshed', source);
    expect(counts('first')).toEqual([1, 1]);
    expect(counts('refreshed')).toEqual([3]);
  });

  it('a 300-replica scale-up records 25 SuccessfulCreate writes on the ReplicaSet', () => {
    const c = createCluster({ nodes: 3, seed: 3 });
    c.run('kubectl create deployment web --image=nginx --replicas=300');
    const rsEvents = c.runtime.store
      .list('events', 'default')
      .filter((e) => (e.involvedObject as { kind: string }).kind === 'ReplicaSet' && e.reason === 'SuccessfulCreate');
    // 9 single events, then one combined event counted up to the burst of 25 writes (16 of them).
    expect(rsEvents.length).toBe(AGGREGATE_MAX_EVENTS);
    const combined = rsEvents.filter((e) => String(e.message).startsWith(COMBINED_PREFIX));
    expect(combined.map((e) => e.count)).toEqual([SPAM_BURST - (AGGREGATE_MAX_EVENTS - 1)]);
  });
});
