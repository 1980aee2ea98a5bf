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

describe('VirtualClock hooks after fired timers', () => {
  // Each case schedules timers at the given delays, advances, and records what ran in order: timer
  // callbacks by their delay, and the after-fire hook as 'hook'.
  const cases: Array<{ name: string; delays: number[]; advance: number; want: string[] }> = [
    { name: 'one timer: its hook', delays: [10], advance: 100, want: ['10', 'hook'] },
    { name: 'three timers at one instant: one hook after the last', delays: [5, 5, 5], advance: 10, want: ['5', '5', '5', 'hook'] },
    { name: 'two instants: a hook after each', delays: [5, 7, 5], advance: 10, want: ['5', '5', 'hook', '7', 'hook'] },
    { name: 'timers beyond the target do not fire', delays: [5, 50], advance: 10, want: ['5', 'hook'] },
    { name: 'nothing due: no hook', delays: [50], advance: 10, want: [] },
  ];
  it.each(cases)('$name', ({ delays, advance, want }) => {
    const c = new VirtualClock(0);
    const got: string[] = [];
    c.onAfterFire(() => got.push('hook'));
    for (const d of delays) c.schedule(() => got.push(String(d)), d);
    c.advance(advance);
    expect(got).toEqual(want);
  });

  it('a timer scheduled for the current instant by a callback fires before the hook', () => {
    const c = new VirtualClock(0);
    const got: string[] = [];
    c.onAfterFire(() => got.push('hook'));
    c.schedule(() => {
      got.push('first');
      c.schedule(() => got.push('same instant'), 0);
    }, 5);
    c.advance(10);
    expect(got).toEqual(['first', 'same instant', 'hook']);
  });

  it('a cancelled timer at the instant does not hold the hook back', () => {
    const c = new VirtualClock(0);
    const got: string[] = [];
    c.onAfterFire(() => got.push('hook'));
    let later = 0;
    c.schedule(() => {
      got.push('first');
      c.cancel(later);
    }, 5);
    later = c.schedule(() => got.push('cancelled'), 5);
    c.schedule(() => got.push('next'), 6);
    c.advance(10);
    expect(got).toEqual(['first', 'hook', 'next', 'hook']);
  });
});
