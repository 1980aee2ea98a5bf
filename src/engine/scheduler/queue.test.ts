import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/clock.ts';
import { ClusterEvent } from './framework/events.ts';
import { Framework } from './framework/framework.ts';
import type { Handle } from './framework/interfaces.ts';
import { defaultProfile } from './framework/profile.ts';
import { NodeAffinity, NodeResourcesFit, TaintToleration } from './names.ts';
import { MAX_IN_UNSCHEDULABLE_MS, SchedulingQueue } from './queue.ts';
import { registry } from './registry.ts';
import { makePod, tableOf } from './testing/builders.ts';

function setup() {
  const clock = new VirtualClock(0);
  const fw = new Framework(defaultProfile, registry, { nodes: tableOf([]) } as unknown as Handle);
  let activations = 0;
  const q = new SchedulingQueue(fw, clock, () => activations++);
  return { clock, q, activations: () => activations };
}

describe('SchedulingQueue', () => {
  // Follows upstream's TestPriorityQueue_Pop / TestPriorityQueue_Add ordering.
  it('pops by priority, then in arrival order', () => {
    const { q, clock } = setup();
    q.add(makePod('low').priority(1).info());
    clock.advance(1);
    q.add(makePod('high').priority(10).info());
    q.add(makePod('low-later').priority(1).info());
    q.add(makePod('mid').priority(5).info());
    const order = [q.pop(), q.pop(), q.pop(), q.pop(), q.pop()].map((e) => e?.info.name);
    expect(order).toEqual(['high', 'mid', 'low', 'low-later', undefined]);
  });

  // Follows upstream's TestBackOffFlow: 1s, 2s, 4s, 8s, then capped at 10s.
  it('backs off 1 s doubling to 10 s', () => {
    const { q } = setup();
    expect([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps gated pods out until their gates are removed', () => {
    const { q } = setup();
    q.add(makePod('g').uid('g').schedulingGates('example.com/wait').info());
    expect(q.pop()).toBeUndefined();
    expect(q.stats().gated).toBe(1);
    q.update(makePod('g').uid('g').info());
    expect(q.pop()?.info.name).toBe('g');
  });

  it('moves an unschedulable pod only on events its rejecting plugins registered', () => {
    const { q, clock } = setup();
    q.add(makePod('p').info());
    const e = q.pop()!;
    q.addUnschedulable(e, [TaintToleration]);
    q.moveAll(ClusterEvent.AssignedPodDelete);
    expect(q.stats().unschedulable).toBe(1);
    q.moveAll(ClusterEvent.NodeTaint);
    // Still inside its 1 s backoff: it waits in the backoff queue.
    expect(q.stats().backoff).toBe(1);
    expect(q.pop()).toBeUndefined();
    clock.advance(1000);
    expect(q.pop()?.info.name).toBe('p');
  });

  it('sends a pod straight to activeQ when its backoff has already expired', () => {
    const { q, clock } = setup();
    q.add(makePod('p').info());
    q.addUnschedulable(q.pop()!, [NodeResourcesFit]);
    clock.advance(5000);
    q.moveAll(ClusterEvent.AssignedPodDelete);
    expect(q.stats().active).toBe(1);
  });

  it('ignores events no rejecting plugin cares about', () => {
    const { q } = setup();
    q.add(makePod('p').info());
    q.addUnschedulable(q.pop()!, [NodeAffinity]);
    q.moveAll(ClusterEvent.AssignedPodDelete | ClusterEvent.NodeAllocatable);
    expect(q.stats().unschedulable).toBe(1);
    q.moveAll(ClusterEvent.NodeLabel);
    expect(q.stats().unschedulable).toBe(0);
  });

  it('retries pods left unschedulable for more than 5 minutes', () => {
    const { q, clock } = setup();
    q.add(makePod('p').info());
    q.addUnschedulable(q.pop()!, [NodeAffinity]);
    clock.advance(MAX_IN_UNSCHEDULABLE_MS);
    expect(q.stats().unschedulable).toBe(1);
    clock.advance(30_000);
    expect(q.pop()?.attempts).toBe(2);
  });

  it('forgets deleted pods, wherever they wait', () => {
    const { q } = setup();
    q.add(makePod('a').uid('a').info());
    q.add(makePod('b').uid('b').info());
    q.delete('a');
    expect(q.pop()?.info.name).toBe('b');
    expect(q.pop()).toBeUndefined();
  });

  it('re-queues an updated unschedulable pod', () => {
    const { q, clock } = setup();
    q.add(makePod('p').uid('p').info());
    q.addUnschedulable(q.pop()!, [NodeAffinity]);
    clock.advance(2000);
    q.update(makePod('p').uid('p').nodeSelector({ a: 'b' }).info());
    expect(q.pop()?.info.nodeSelector).toEqual({ a: 'b' });
  });
});
