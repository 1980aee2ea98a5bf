import { describe, expect, it } from 'vitest';
import { defaultScaleDownRules, defaultScaleUpRules, type ScalingRules } from '../../api/kinds/horizontalpodautoscaler.ts';
import {
  calculateScaleUpLimit,
  convertDesiredReplicasWithRules,
  normalizeDesiredReplicas,
  normalizeWithBehaviors,
  scaleDownLimitWithRules,
  scaleUpLimitWithRules,
  storeScaleEvent,
  type HPAState,
  type ScaleEvent,
} from './normalize.ts';

const NOW = 3_600_000;
const state = (recs: Array<[number, number]> = [], up: ScaleEvent[] = [], down: ScaleEvent[] = []): HPAState => ({
  recommendations: recs.map(([replicas, agoS]) => ({ replicas, atMs: NOW - agoS * 1000 })),
  scaleUpEvents: up,
  scaleDownEvents: down,
});
const ev = (change: number, agoS: number): ScaleEvent => ({ change, atMs: NOW - agoS * 1000, outdated: false });

describe('convertDesiredReplicasWithRules (horizontal.go, no behavior)', () => {
  const cases = [
    { name: 'within range', current: 3, desired: 5, min: 1, max: 10, want: [5, 'DesiredWithinRange'] },
    { name: 'scale-up limit max(2x, 4)', current: 3, desired: 9, min: 1, max: 10, want: [6, 'ScaleUpLimit'] },
    { name: 'scale-up limit minimum 4', current: 1, desired: 9, min: 1, max: 10, want: [4, 'ScaleUpLimit'] },
    { name: 'max below the rate limit', current: 3, desired: 9, min: 1, max: 5, want: [5, 'TooManyReplicas'] },
    { name: 'below min', current: 3, desired: 1, min: 2, max: 5, want: [2, 'TooFewReplicas'] },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const r = convertDesiredReplicasWithRules(c.current, c.desired, c.min, c.max);
      expect([r.replicas, r.reason]).toEqual(c.want);
    });
  }
  it('calculateScaleUpLimit', () => {
    expect([0, 1, 2, 3, 10].map(calculateScaleUpLimit)).toEqual([4, 4, 4, 6, 20]);
  });
});

describe('normalizeDesiredReplicas: 5-minute scale-down stabilization', () => {
  it('a higher recommendation within the window holds the scale (ScaleDownStabilized)', () => {
    const st = state([[4, 0 + 60], [4, 120]]);
    const r = normalizeDesiredReplicas(st, NOW, 4, 1, 1, 10);
    expect(r.replicas).toBe(4);
    expect(r.able.reason).toBe('ScaleDownStabilized');
    expect(r.limited).toEqual({ status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
  });
  it('recommendations older than the window no longer count; the stale one is replaced', () => {
    const st = state([[4, 301], [2, 100]]);
    const r = normalizeDesiredReplicas(st, NOW, 4, 1, 1, 10);
    expect(r.replicas).toBe(2);
    expect(st.recommendations).toEqual([{ replicas: 1, atMs: NOW }, { replicas: 2, atMs: NOW - 100_000 }]);
  });
  it('scale-up is not stabilized', () => {
    const r = normalizeDesiredReplicas(state([[1, 10]]), NOW, 1, 3, 1, 10);
    expect([r.replicas, r.able.reason]).toEqual([3, 'ReadyForNewScale']);
  });
});

describe('behavior policies (calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors)', () => {
  const up = defaultScaleUpRules();
  const down = { ...defaultScaleDownRules(), stabilizationWindowSeconds: 300 };
  const cases: Array<{ name: string; fn: 'up' | 'down'; current: number; upEvents?: ScaleEvent[]; downEvents?: ScaleEvent[]; rules: ScalingRules; want: number }> = [
    { name: 'default scale-up: max(+4 pods, +100%) from 1', fn: 'up', current: 1, rules: up, want: 5 },
    { name: 'default scale-up: max(+4 pods, +100%) from 10', fn: 'up', current: 10, rules: up, want: 20 },
    { name: 'selectPolicy Min takes the smaller change', fn: 'up', current: 10, rules: { ...up, selectPolicy: 'Min' }, want: 14 },
    { name: 'events within the period count against the limit', fn: 'up', current: 8, upEvents: [ev(4, 10)], rules: up, want: 8 },
    { name: 'events older than the period are ignored', fn: 'up', current: 8, upEvents: [ev(4, 20)], rules: up, want: 16 },
    { name: 'Disabled keeps the current count', fn: 'up', current: 8, rules: { ...up, selectPolicy: 'Disabled' }, want: 8 },
    { name: 'default scale-down: -100% per 15 s', fn: 'down', current: 10, rules: down, want: 0 },
    { name: 'scale-down Pods policy', fn: 'down', current: 10, rules: { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] }, want: 8 },
    { name: 'scale-down percent rounds toward more pods', fn: 'down', current: 5, rules: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] }, want: 2 },
    {
      name: 'scale-down Min picks the smallest change',
      fn: 'down',
      current: 10,
      rules: { selectPolicy: 'Min', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] },
      want: 8,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = c.fn === 'up' ? scaleUpLimitWithRules : scaleDownLimitWithRules;
      expect(f(c.current, c.upEvents ?? [], c.downEvents ?? [], c.rules, NOW)).toBe(c.want);
    });
  }

  it('normalizeWithBehaviors limits a jump and reports ScaleUpLimit', () => {
    const r = normalizeWithBehaviors(state(), NOW, { scaleUp: up, scaleDown: down }, 2, 20, 1, 30);
    expect(r.replicas).toBe(6);
    expect(r.limited).toEqual({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
  });
  it('normalizeWithBehaviors applies the scale-up window (lowest recent recommendation)', () => {
    const r = normalizeWithBehaviors(state([[3, 30]]), NOW, { scaleUp: { ...up, stabilizationWindowSeconds: 60 }, scaleDown: down }, 2, 6, 1, 30);
    expect([r.replicas, r.able.reason]).toEqual([3, 'ScaleUpStabilized']);
  });
  it('an unset scale-down window falls back to the controller default (5 minutes)', () => {
    const r = normalizeWithBehaviors(state([[5, 200]]), NOW, { scaleUp: up, scaleDown: defaultScaleDownRules() }, 5, 1, 1, 30);
    expect([r.replicas, r.able.reason]).toEqual([5, 'ScaleDownStabilized']);
  });
  it('storeScaleEvent reuses an outdated slot', () => {
    const st = state([], [ev(2, 100)]);
    storeScaleEvent(st, { scaleUp: up, scaleDown: down }, 2, 5, NOW);
    expect(st.scaleUpEvents).toEqual([{ change: 3, atMs: NOW, outdated: false }]);
  });
});
