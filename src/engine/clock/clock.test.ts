import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

describe('VirtualClock.timestamp', () => {
  const c = new VirtualClock(Date.parse('2025-01-01T00:00:00Z'));
  it.each([
    [0, '2025-01-01T00:00:00Z'],
    [999, '2025-01-01T00:00:00Z'],
    [1000, '2025-01-01T00:00:01Z'],
    [-1, '2024-12-31T23:59:59Z'],
    [-1001, '2024-12-31T23:59:58Z'],
    [3.7, '2025-01-01T00:00:00Z'],
    [86_400_000 * 400 + 123, '2026-02-05T00:00:00Z'],
    // Alternating seconds (a pod's start time and now) come back right from the cache.
    [0, '2025-01-01T00:00:00Z'],
    [1000, '2025-01-01T00:00:01Z'],
  ])('%d ms → %s', (ms, want) => {
    expect(c.timestamp(ms)).toBe(want);
  });

  it('rejects an invalid time as Date does', () => {
    expect(() => c.timestamp(NaN)).toThrow(RangeError);
  });
});
