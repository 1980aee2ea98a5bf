import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { getRawResourceReplicas, getResourceReplicas, type CalculatorOptions, type PodMetricsInfo } from './replicas.ts';

/**
 * Table tests after upstream pkg/controller/podautoscaler/replica_calculator_test.go: every pod has two
 * containers (numContainersPerPod) that each request `requests[i]` and use `levels[i]` millicores.
 */
const NOW = 10 * 60_000;
const COOL = 0; // started long before the CPU initialization period
const HOT = NOW - 30_000; // started 30 s ago, still initializing
const WINDOW = 60_000;

interface Case {
  name: string;
  currentReplicas: number;
  requests: number[];
  levels: number[];
  target: number;
  podReadiness?: Array<'True' | 'False'>;
  podPhase?: string[];
  podDeletion?: boolean[];
  podStart?: number[];
  want?: { replicas: number; utilization: number; raw: number };
  wantError?: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pods(c: Case): Pod[] {
  const n = Math.max(c.requests.length, c.podReadiness?.length ?? 0, c.podPhase?.length ?? 0);
  return Array.from({ length: n }, (_, i) => {
    const start = c.podStart?.[i] ?? COOL;
    const req = c.requests[i];
    const containers = [0, 1].map((k) => ({ name: `container${k + 1}`, image: 'x', resources: req === undefined ? {} : { requests: { cpu: `${req}m` } } }));
    return {
      metadata: { name: `test-pod-${i}`, ...(c.podDeletion?.[i] ? { deletionTimestamp: iso(NOW) } : {}) },
      spec: { containers },
      status: {
        phase: (c.podPhase?.[i] ?? 'Running') as 'Running',
        startTime: iso(start),
        conditions: [{ type: 'Ready', status: c.podReadiness?.[i] ?? 'True', lastTransitionTime: iso(start) }],
      },
    } as Pod;
  });
}

function metrics(c: Case): PodMetricsInfo {
  return new Map(c.levels.map((l, i) => [`test-pod-${i}`, { value: 2 * l, timestampMs: NOW, windowMs: WINDOW }]));
}

const opts: CalculatorOptions = { tolerance: 0.1, cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000, nowMs: NOW, parseTime: (ts) => Date.parse(ts) };

const cases: Case[] = [
  { name: 'TestReplicaCalcScaleUp', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], target: 30, want: { replicas: 5, utilization: 50, raw: 2 * 500 } },
  { name: 'TestReplicaCalcScaleUpUnreadyLessScale', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], target: 30, podReadiness: ['False', 'True', 'True'], want: { replicas: 4, utilization: 60, raw: 2 * 600 } },
  { name: 'TestReplicaCalcScaleUpUnreadyNoScale', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [400, 500, 700], target: 30, podReadiness: ['True', 'False', 'False'], want: { replicas: 3, utilization: 40, raw: 2 * 400 } },
  { name: 'TestReplicaCalcScaleDown', currentReplicas: 5, requests: [1000, 1000, 1000, 1000, 1000], levels: [100, 300, 500, 250, 250], target: 50, want: { replicas: 3, utilization: 28, raw: 2 * 280 } },
  { name: 'TestReplicaCalcScaleDownExcludeUnreadyPods', currentReplicas: 5, requests: [1000, 1000, 1000, 1000, 1000], levels: [100, 300, 500, 250, 250], target: 50, podReadiness: ['True', 'True', 'True', 'False', 'False'], want: { replicas: 2, utilization: 30, raw: 2 * 300 } },
  {
    name: 'TestReplicaCalcScaleDownExcludeUnscheduledPods',
    currentReplicas: 5,
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: [100],
    target: 50,
    podReadiness: ['True', 'False', 'False', 'False', 'False'],
    podPhase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
    want: { replicas: 1, utilization: 10, raw: 2 * 100 },
  },
  { name: 'after TestReplicaCalcScaleDownIgnoreHotCpuPods', currentReplicas: 5, requests: [1000, 1000, 1000, 1000, 1000], levels: [100, 300, 500, 250, 250], target: 50, podStart: [COOL, COOL, COOL, HOT, HOT], want: { replicas: 2, utilization: 30, raw: 2 * 300 } },
  {
    name: 'TestReplicaCalcScaleDownIgnoresFailedPods',
    currentReplicas: 5,
    requests: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
    levels: [100, 300, 500, 250, 250],
    target: 50,
    podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
    podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
    want: { replicas: 3, utilization: 28, raw: 2 * 280 },
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoresDeletionPods',
    currentReplicas: 5,
    requests: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
    levels: [100, 300, 500, 250, 250],
    target: 50,
    podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
    podDeletion: [false, false, false, false, false, true, true],
    want: { replicas: 3, utilization: 28, raw: 2 * 280 },
  },
  { name: 'TestReplicaCalcTolerance', currentReplicas: 3, requests: [900, 1000, 1100], levels: [1010, 1030, 1020], target: 100, want: { replicas: 3, utilization: 102, raw: 2 * 1020 } },
  { name: 'TestReplicaCalcSuperfluousMetrics', currentReplicas: 4, requests: [1000, 1000, 1000, 1000], levels: [4000, 9500, 3000, 7000, 3200, 2000], target: 100, want: { replicas: 24, utilization: 587, raw: 2 * 5875 } },
  { name: 'TestReplicaCalcMissingMetrics', currentReplicas: 4, requests: [1000, 1000, 1000, 1000], levels: [400, 95], target: 100, want: { replicas: 3, utilization: 24, raw: 495 } },
  { name: 'TestReplicaCalcMissingMetricsNoChangeLt', currentReplicas: 2, requests: [1000, 1000], levels: [600], target: 100, want: { replicas: 2, utilization: 60, raw: 2 * 600 } },
  { name: 'TestReplicaCalcMissingMetricsUnreadyNoChange', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [100, 450], target: 50, podReadiness: ['False', 'True', 'True'], want: { replicas: 3, utilization: 45, raw: 2 * 450 } },
  { name: 'TestReplicaCalcMissingMetricsUnreadyScaleUp', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [100, 2000], target: 50, podReadiness: ['False', 'True', 'True'], want: { replicas: 4, utilization: 200, raw: 2 * 2000 } },
  { name: 'TestReplicaCalcEmptyCPURequest', currentReplicas: 1, requests: [], levels: [200], podReadiness: ['True'], target: 100, wantError: 'missing request for cpu in container container1 of Pod test-pod-0' },
  { name: 'no pods', currentReplicas: 1, requests: [], levels: [200], target: 100, wantError: 'no pods returned by selector while calculating replica count' },
  { name: 'only unready pods', currentReplicas: 2, requests: [1000, 1000], levels: [100, 100], podReadiness: ['False', 'False'], target: 50, wantError: 'did not receive metrics for targeted pods (pods might be unready)' },
];

describe('getResourceReplicas (replica_calculator_test.go)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const run = () => getResourceReplicas(c.currentReplicas, c.target, 'cpu', '', pods(c), metrics(c), opts);
      if (c.wantError) {
        expect(run).toThrow(c.wantError);
        return;
      }
      const r = run();
      expect({ replicas: r.replicas, utilization: r.utilization, raw: r.rawUtilization }).toEqual(c.want);
    });
  }

  it('missing pods count at the target when it is above 100% (scale-down fallback)', () => {
    // 2 pods of 1000m (x2 containers), one measured at 10%: fallback max(100, 150)% for the missing one.
    const c: Case = { name: '', currentReplicas: 2, requests: [1000, 1000], levels: [100], target: 150 };
    // Without the fallback (100%) the ratio (10%+100%)/2/150% = 0.37 → 1; with 150% it is 0.53 → 2 → unchanged.
    expect(getResourceReplicas(2, 150, 'cpu', '', pods(c), metrics(c), opts).replicas).toBe(2);
  });
});

describe('getRawResourceReplicas (AverageValue targets)', () => {
  it('TestReplicaCalcScaleUpCM-style: ceil(ready × average / target)', () => {
    const c: Case = { name: '', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [100, 150, 200], target: 0 };
    // Averages 2×150m per pod against a 200m target: ratio 1.5 → ceil(4.5) = 5.
    expect(getRawResourceReplicas(3, 200, 'cpu', pods(c), metrics(c), opts)).toEqual({ replicas: 5, usage: 300, timestampMs: NOW });
  });
  it('within tolerance keeps the current count', () => {
    const c: Case = { name: '', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [100, 100, 105], target: 0 };
    expect(getRawResourceReplicas(3, 200, 'cpu', pods(c), metrics(c), opts).replicas).toBe(3);
  });
});
