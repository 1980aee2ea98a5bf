import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/builders.ts';
import { schedulingGates } from './index.ts';

// Follows upstream's TestPreEnqueue (framework/plugins/schedulinggates/scheduling_gates_test.go).
describe('SchedulingGates', () => {
  const cases = [
    { name: 'pod does not carry scheduling gates', pod: makePod('p').info(), want: undefined },
    {
      name: 'pod carries scheduling gates',
      pod: makePod('p').schedulingGates('foo', 'bar').info(),
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['waiting for scheduling gates: [foo bar]'] },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const s = schedulingGates().preEnqueue(tc.pod);
      expect(s && { code: s.code, reasons: s.reasons }).toEqual(tc.want);
    });
  }
});
