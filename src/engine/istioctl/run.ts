import { runCommandTree, type CommandIO } from '../kubectl/run.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { istioctlTree } from './command.ts';
import './install.ts';
import './uninstall.ts';
import './version.ts';
import './proxyconfig.ts';
import './proxystatus.ts';
import './analyze.ts';

/** Run `istioctl ARGS...` (argv without the leading "istioctl"). */
export function runIstioctl(rt: ClusterRuntime, argv: string[], io: CommandIO): number {
  return runCommandTree(istioctlTree, rt, argv, io);
}
