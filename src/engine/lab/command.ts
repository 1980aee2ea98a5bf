import type { CommandSpec } from '../kubectl/command.ts';
import { globalFlags } from '../kubectl/command.ts';
import type { CommandTree } from '../kubectl/run.ts';

/**
 * The `lab` command: what a real cluster does not have but a lab needs (add or fail nodes, explain a
 * scheduling decision, trace a request, generate load). Each subcommand registers itself from its own file
 * under `lab/commands/` with `registerLabCommand`, using the same CommandSpec and flag parsing as kubectl
 * (so `-n`, `--help` and the error texts behave the same way).
 */
const commands = new Map<string, CommandSpec>();

export function registerLabCommand(spec: CommandSpec): void {
  commands.set(spec.name, spec);
  for (const a of spec.aliases ?? []) commands.set(a, spec);
}

function all(): CommandSpec[] {
  return [...new Set(commands.values())].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const labTree: CommandTree = {
  name: 'lab',
  find: (name) => commands.get(name),
  all,
  flags: globalFlags,
  usage: () =>
    'lab drives the simulated cluster itself (things a real cluster has no kubectl command for).\n\nAvailable Commands:\n' +
    all()
      .map((c) => `  ${c.name.padEnd(22)} ${c.short}\n`)
      .join('') +
    "\nUse \"lab <command> --help\" for more information about a command.\n",
};
