import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArb } from './commands.ts';
import { freshCluster, step } from './check.ts';

// The short version of `npm run fuzz`, run by `npm test`: a few hundred random inputs.
describe('property: random command sequences', () => {
  it('never throw, never half-apply a rejected input, and keep the cluster invariants', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), (cmds, seed) => {
        const c = freshCluster(seed);
        for (const cmd of cmds) {
          const r = step(c, cmd);
          expect(r.exceptions, cmd.line).toEqual([]);
          expect(r.halfApplied, cmd.line).toBeUndefined();
          expect(r.violations, cmd.line).toEqual([]);
        }
      }),
      { numRuns: 20, seed: 4242 },
    );
  });
});
