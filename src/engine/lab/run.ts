import { runCommandTree, type CommandIO } from '../kubectl/run.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { labTree } from './command.ts';
import './commands/index.ts';

/** Run `lab ARGS...` (argv without the leading "lab"). */
export function runLab(rt: ClusterRuntime, argv: string[], io: CommandIO): number {
  return runCommandTree(labTree, rt, argv, io);
}
