import type { ApiServer } from '../api/server.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { FlagError, parseFlags, type FlagSpec, type ParsedArgs } from './flags.ts';

/** Everything a kubectl command may use. Output goes through `out`/`err`; the exit code is returned. */
export interface KubectlContext {
  rt: ClusterRuntime;
  api: ApiServer;
  /** The namespace from -n/--namespace, or the context's default ("default"). */
  namespace: string;
  /** The identity requests are made as (see auth/identity.ts); absent for the lab's own commands. */
  user?: import('../auth/user.ts').UserInfo;
  /** True when -n/--namespace was given explicitly. */
  namespaceExplicit: boolean;
  stdin: string;
  /** Read a file from the lab's virtual filesystem; undefined when missing. */
  readFile(path: string): string | undefined;
  out(text: string): void;
  err(text: string): void;
  /** An environment variable of the calling shell (`KUBE_EDITOR`, `EDITOR`); absent outside the shell. */
  env?(name: string): string | undefined;
  /** Run a command (an editor: `sed -i s/a/b/ FILE`) through the calling shell; returns its exit code. */
  runCommand?(argv: string[]): number;
}

export interface CommandSpec {
  /** The command word (`get`), or for subcommands their word (`deployment` under `create`). */
  name: string;
  aliases?: string[];
  /** One-line summary shown in `kubectl --help`-style listings. */
  short: string;
  /** Full usage text printed for `--help`. */
  help?: string;
  flags?: FlagSpec[];
  subcommands?: CommandSpec[];
  /** Runs without resolving the kubeconfig's identity (client-only commands such as `config`). */
  noIdentity?: boolean;
  /**
   * Run with parsed arguments. Return the exit code. Throwing a StatusError, a FlagError or a
   * `KubectlError` prints the matching kubectl message (see errors.ts) with exit code 1.
   */
  run?(ctx: KubectlContext, args: ParsedArgs): number;
}

/** Flags every kubectl command accepts (a subset of kubectl's persistent flags). */
export const globalFlags: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', help: 'If present, the namespace scope for this CLI request' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'username', type: 'string' },
  { name: 'password', type: 'string' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'v', short: 'v', type: 'string', default: '0' },
  { name: 'help', short: 'h', type: 'bool' },
];

const commands = new Map<string, CommandSpec>();

/** Register a top-level kubectl command. Called from `verbs/<verb>.ts`, collected by `verbs/index.ts`. */
export function registerCommand(spec: CommandSpec): void {
  commands.set(spec.name, spec);
  for (const a of spec.aliases ?? []) commands.set(a, spec);
}

export function allCommands(): CommandSpec[] {
  return [...new Set(commands.values())].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function findCommand(name: string): CommandSpec | undefined {
  return commands.get(name);
}

export { parseFlags, FlagError };
