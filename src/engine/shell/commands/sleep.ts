import { registerShellCommand } from './registry.ts';
import { tryHelp } from './text.ts';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parse one GNU sleep operand (`5`, `5s`, `1m`, `0.5`, `.5h`) to milliseconds; undefined when invalid. */
export function parseSleepInterval(arg: string): number | undefined {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}

registerShellCommand({
  name: 'sleep',
  synopsis: 'sleep NUMBER[SUFFIX]...',
  run: (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      ctx.err(`sleep: missing operand\n${tryHelp('sleep')}`);
      return 1;
    }
    let total = 0;
    let bad = false;
    for (const a of args) {
      const ms = parseSleepInterval(a);
      if (ms === undefined) {
        ctx.err(`sleep: invalid time interval ‘${a}’\n`);
        bad = true;
      } else total += ms;
    }
    if (bad) {
      ctx.err(tryHelp('sleep'));
      return 1;
    }
    // Sleeping is how a learner lets the cluster work: virtual time moves on, everything due fires.
    ctx.rt.advance(total);
    return 0;
  },
});
