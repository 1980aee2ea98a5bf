// The mesh view's polling: nothing asked without a subscriber, at most once per virtual second, one request in flight.
import { describe, expect, it } from 'vitest';
import type { MeshTelemetryEdge } from '../../engine/index.ts';
import { MeshFeed } from './meshFeed.ts';

function fakeConn() {
  let now = 0;
  const ticks = new Set<() => void>();
  const pending: Array<(e: MeshTelemetryEdge[]) => void> = [];
  return {
    asked: 0,
    now: () => now,
    onTick(fn: () => void) {
      ticks.add(fn);
      return () => ticks.delete(fn);
    },
    meshTelemetry(): Promise<MeshTelemetryEdge[]> {
      this.asked++;
      return new Promise((r) => pending.push(r));
    },
    tick(ms: number) {
      now = ms;
      for (const t of ticks) t();
    },
    answer: async (edges: MeshTelemetryEdge[] = []) => {
      pending.shift()?.(edges);
      await Promise.resolve();
      await Promise.resolve();
    },
    ticks,
  };
}

describe('MeshFeed', () => {
  it('asks nothing without a subscriber', () => {
    const c = fakeConn();
    new MeshFeed(c, 0);
    c.tick(5000);
    expect(c.asked).toBe(0);
  });

  it('asks on subscribe, once per virtual second, never twice at once, and stops when the last one leaves', async () => {
    const c = fakeConn();
    const f = new MeshFeed(c, 0);
    let seen = 0;
    const off = f.subscribe(() => seen++);
    expect(c.asked).toBe(1);
    c.tick(300);
    expect(c.asked).toBe(1);
    await c.answer();
    expect(seen).toBe(1);
    expect(f.get()).toEqual([]);
    c.tick(1200);
    expect(c.asked).toBe(2);
    c.tick(2500);
    c.tick(3500);
    // Answered late: one more request for the time that passed meanwhile.
    expect(c.asked).toBe(2);
    await c.answer();
    expect(c.asked).toBe(3);
    await c.answer();
    off();
    expect(c.ticks.size).toBe(0);
    c.tick(9000);
    expect(c.asked).toBe(3);
  });

  it('at fast speeds asks at most once per wall interval', async () => {
    const c = fakeConn();
    const f = new MeshFeed(c, 60_000);
    const off = f.subscribe(() => {});
    await c.answer();
    c.tick(1000);
    c.tick(2000);
    expect(c.asked).toBe(1);
    off();
  });
});
