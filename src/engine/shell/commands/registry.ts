import type { ShellCommandSpec } from '../types.ts';

const commands = new Map<string, ShellCommandSpec>();

/** Register a shell command. Each `commands/<name>.ts` calls this once; `commands/index.ts` loads them all. */
export function registerShellCommand(spec: ShellCommandSpec): void {
  commands.set(spec.name, spec);
}

export function findShellCommand(name: string): ShellCommandSpec | undefined {
  return commands.get(name);
}

export function allShellCommands(): ShellCommandSpec[] {
  return [...commands.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
