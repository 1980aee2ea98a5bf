import { ClusterRuntime } from '../runtime.ts';
import { allCommands, findCommand, globalFlags, type CommandSpec, type KubectlContext } from './command.ts';
import { formatError } from './errors.ts';
import { parseFlags, type FlagSpec, type ParsedArgs } from './flags.ts';
import type { ApiServer } from '../api/server.ts';
import type { UserInfo } from '../auth/user.ts';
import { kubectlIdentity } from '../auth/kubectl.ts';
import { kubectlGate } from '../controlplane/client.ts';
import { normalizePath } from '../shell/fs.ts';
import './verbs/index.ts';

export interface CommandIO {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** See KubectlContext.env / runCommand. */
  env?(name: string): string | undefined;
  runCommand?(argv: string[]): number;
}

/** Levenshtein distance, for cobra's "Did you mean this?" suggestions (distance ≤ 2 or prefix match). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function suggestions(word: string, cmds: CommandSpec[]): string[] {
  return cmds.filter((c) => distance(word, c.name) <= 2 || c.name.startsWith(word)).map((c) => c.name);
}

function unknownCommand(word: string, parent: string, cmds: CommandSpec[]): string {
  const s = suggestions(word, cmds);
  let text = `Error: unknown command "${word}" for "${parent}"\n`;
  if (s.length > 0) text += `\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}`;
  return text + '\n';
}

/**
 * Index of the first positional word in `argv`, skipping flags and the values of flags that take one (so in
 * `kubectl -n dev get pods`, `dev` is not taken for the command), or -1. Stops at `--`.
 */
function firstWord(argv: string[], flags: FlagSpec[]): number {
  const takesValue = (f: FlagSpec | undefined) => !!f && f.type !== 'bool' && f.noOptDefault === undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return -1;
    if (a.startsWith('--')) {
      if (!a.includes('=') && takesValue(flags.find((f) => f.name === a.slice(2)))) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = flags.find((x) => x.short === a[j]);
        if (!f || f.type === 'bool') continue;
        if (j === a.length - 1 && takesValue(f)) i++;
        break;
      }
      continue;
    }
    return i;
  }
  return -1;
}

/** A root command and its registry: `kubectl`, or the lab's own `lab` command. */
export interface CommandTree {
  name: string;
  find(name: string): CommandSpec | undefined;
  all(): CommandSpec[];
  flags: FlagSpec[];
  /** Text printed when the root is run without a command. */
  usage(): string;
  /** The identity, API and default namespace a command runs with (kubectl: from the kubeconfig); default the admin API. */
  identity?(rt: ClusterRuntime, args: ParsedArgs, cmd: CommandSpec, io: CommandIO): { api: ApiServer; namespace: string; user: UserInfo };
  /** Runs before a command; an exit code stops it there (kubectl: the API server cannot be reached). */
  beforeRun?(rt: ClusterRuntime, path: string, args: ParsedArgs, io: CommandIO): number | undefined;
}

const kubectlTree: CommandTree = {
  name: 'kubectl',
  find: findCommand,
  all: allCommands,
  flags: globalFlags,
  usage: () => 'kubectl controls the Kubernetes cluster manager.\n\n' + allCommands().map((c) => `  ${c.name.padEnd(14)} ${c.short}\n`).join(''),
  identity: kubectlIdentity,
  beforeRun: kubectlGate,
};

/** Run `kubectl ARGS...` (argv without the leading "kubectl"). Returns the exit code. */
export function runKubectl(rt: ClusterRuntime, argv: string[], io: CommandIO): number {
  return runCommandTree(kubectlTree, rt, argv, io);
}

/** Dispatch argv (without the root word) to the (sub)command it names, parse flags, run it. */
export function runCommandTree(tree: CommandTree, rt: ClusterRuntime, argv: string[], io: CommandIO): number {
  // Find the command path: the first positional words that name (sub)commands.
  const at = firstWord(argv, tree.flags);
  if (at < 0) {
    io.out(tree.usage());
    return 0;
  }
  const top = tree.find(argv[at]);
  if (!top) {
    io.err(unknownCommand(argv[at], tree.name, tree.all()));
    return 1;
  }
  let cmd: CommandSpec = top;
  let path = `${tree.name} ${cmd.name}`;
  const rest = [...argv];
  rest.splice(at, 1);
  // Descend into subcommands (create deployment, rollout status, ...).
  while (cmd.subcommands && cmd.subcommands.length > 0) {
    const i = firstWord(rest, [...tree.flags, ...(cmd.flags ?? [])]);
    const next = i >= 0 ? rest[i] : undefined;
    const sub: CommandSpec | undefined = next ? cmd.subcommands.find((s) => s.name === next || s.aliases?.includes(next)) : undefined;
    if (!sub) break;
    rest.splice(i, 1);
    cmd = sub;
    path += ` ${sub.name}`;
  }
  try {
    const args = parseFlags(rest, [...tree.flags, ...(cmd.flags ?? [])]);
    if (args.bool('help') || !cmd.run) {
      io.out(cmd.help ?? `${cmd.short}\n`);
      return 0;
    }
    const gated = tree.beforeRun?.(rt, path, args, io);
    if (gated !== undefined) return gated;
    const id = cmd.noIdentity ? undefined : tree.identity?.(rt, args, cmd, io);
    const ctx: KubectlContext = {
      rt,
      api: id?.api ?? rt.api,
      user: id?.user,
      namespace: args.str('namespace') || id?.namespace || 'default',
      namespaceExplicit: args.has('namespace'),
      stdin: io.stdin,
      // The lab's filesystem keys paths as the shell does (`./web.yaml`, `~/web.yaml` and `web.yaml` are one file).
      readFile: (p) => rt.files.get(normalizePath(p)),
      out: io.out,
      err: io.err,
      env: io.env,
      runCommand: io.runCommand,
    };
    return cmd.run(ctx, args);
  } catch (e) {
    // Every failure, including a bug in a command, becomes kubectl's error text; nothing escapes.
    if (ClusterRuntime.isBug(e)) rt.reportInternalError(path, e);
    io.err(formatError(e, path));
    return 1;
  }
}
