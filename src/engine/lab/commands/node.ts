import { registerLabCommand } from '../command.ts';
import { nodeAdd } from './node/add.ts';
import { nodeFail } from './node/fail.ts';
import { nodeRecover } from './node/recover.ts';
import { nodeRemove } from './node/remove.ts';

const nodeHelp =
  'Add, remove, fail and recover nodes of the simulated cluster.\n\nAvailable Commands:\n' +
  [nodeAdd, nodeFail, nodeRecover, nodeRemove].map((c) => `  ${c.name.padEnd(10)} ${c.short}\n`).join('') +
  '\nUsage:\n  lab node SUBCOMMAND [options]\n';

/** `lab node add|remove|fail|recover`. */
registerLabCommand({
  name: 'node',
  short: 'Add, remove, fail or recover a node',
  help: nodeHelp,
  subcommands: [nodeAdd, nodeRemove, nodeFail, nodeRecover],
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(nodeHelp);
      return 0;
    }
    ctx.err(`Error: unknown command "${args.positional[0]}" for "lab node"\n`);
    return 1;
  },
});
