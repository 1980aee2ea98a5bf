import type { CommandSpec } from '../../../kubectl/command.ts';

/**
 * `lab etcd` subcommands. Each file of this folder registers one with `registerEtcdSubcommand` and is
 * imported by index.ts, so adding a subcommand is one new file plus one import line.
 */
const subcommands: CommandSpec[] = [];

export function registerEtcdSubcommand(spec: CommandSpec): void {
  subcommands.push(spec);
  subcommands.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function etcdSubcommands(): CommandSpec[] {
  return subcommands;
}
