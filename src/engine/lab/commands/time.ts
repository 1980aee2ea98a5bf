import { humanDuration } from '../../util/duration.ts';
import { registerLabCommand } from '../command.ts';

/** `lab time`: how much virtual time has passed, and the cluster's current clock. */
registerLabCommand({
  name: 'time',
  short: 'Show the cluster clock (virtual time since the cluster started)',
  help: 'Show the cluster clock: the virtual time since the cluster started and the current timestamp.\n\nUsage:\n  lab time\n',
  run(ctx) {
    const clock = ctx.rt.clock;
    ctx.out(`elapsed: ${humanDuration(clock.now())} (${clock.now()} ms)\nnow:     ${clock.timestamp()}\n`);
    return 0;
  },
});
