import { describe, expect, it } from 'vitest';
import { defaultNormalizeScore } from './normalize.ts';

// Cases follow upstream's TestDefaultNormalizeScore (framework/plugins/helper/normalize_score_test.go).
describe('defaultNormalizeScore', () => {
  const cases = [
    { name: 'scales to max', reverse: false, scores: [1, 2, 3, 4], want: [25, 50, 75, 100] },
    { name: 'reverse scales and flips', reverse: true, scores: [1, 2, 3, 4], want: [75, 50, 25, 0] },
    { name: 'truncates like integer division', reverse: false, scores: [1000, 10, 20, 30], want: [100, 1, 2, 3] },
    { name: 'reverse truncates then flips', reverse: true, scores: [1000, 10, 20, 30], want: [0, 99, 98, 97] },
    { name: 'all zero stays zero', reverse: false, scores: [0, 0, 0], want: [0, 0, 0] },
    { name: 'all zero reversed becomes max', reverse: true, scores: [0, 0, 0], want: [100, 100, 100] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const s = Int32Array.from(tc.scores);
      defaultNormalizeScore(100, tc.reverse, s, s.length);
      expect([...s]).toEqual(tc.want);
    });
  }
});
