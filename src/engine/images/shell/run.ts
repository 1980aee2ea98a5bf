import type { PodNetView, PsEntry } from './procs.ts';
import type { ContainerFs } from '../fs.ts';
import type { AppInstance, ShellFlavor } from '../types.ts';
import { builtins } from './builtins.ts';
import type { ProcessCreds } from './creds.ts';
import type { ContainerNet } from './net/types.ts';
import { parse, ShellSyntaxError } from '../../shell/parser.ts';
import { ShSyntaxError } from './arith.ts';
import { runProgram } from './interp.ts';

export { arith, ShSyntaxError } from './arith.ts';

/** What running shell code may ask its driver for: time passing, or handing over to a long-running program. */
export type Effect = { sleep: number } | { app: AppInstance };

export interface ShIO {
  out(text: string): void;
  err(text: string): void;
  stdin: string;
}

/** The machine a script runs on: variables, files, the clock, and how to start programs. */
export interface ShMachine {
  vars: Map<string, string>;
  fs: ContainerFs;
  flavor: ShellFlavor;
  hostname: string;
  /** Current unix ms (virtual) as seen by the script; its driver moves it across sleeps. */
  now(): number;
  /** Start a long-running program named by argv[0] (nginx, redis-server...), or undefined if there is none. */
  startApp(argv: string[]): AppInstance | { error: string; code: number } | { exec: string[] } | undefined;
  /** Whether a binary exists in the image (for `sh: foo: not found`). */
  hasBinary(name: string): boolean;
  /** The version of the image's main software (from its tag), for version banners. */
  version?: string;
  /** A short-lived program the image ships (perl...), by argv[0]; undefined when there is none. */
  tool?(name: string): ShTool | undefined;
  /** True for `kubectl exec` runs: sleeps return at once (the command is synchronous), programs do not start. */
  interactive: boolean;
  /** HTTP GET for wget/curl; undefined when the network is not reachable from here. */
  httpGet?(url: string): { status: number; body: string } | { error: string };
  /** The pod IP (`hostname -i`). */
  podIP?: string;
  /** The pod's network namespace (`ip addr`, `ip route`); undefined outside a pod. */
  podNet?(): PodNetView | undefined;
  /** The processes of the container's PID namespace (`ps`). */
  processes?(): PsEntry[];
  /** The cluster network as this container sees it (wget, curl, nc, ping, nslookup, dig); undefined in dry runs. */
  net?: ContainerNet;
  /** The process's uid, gids and capabilities (securityContext); undefined: root with the runtime's default capabilities. */
  creds?: ProcessCreds;
}

export class ShExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export type Gen = Generator<Effect, number, void>;

/** `break N` / `continue N` unwinding to the loop N levels out. */
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** How many rounds a `while`/`until` loop may run under `kubectl exec` before it stops (no Ctrl+C in the lab). */
export const EXEC_LOOP_LIMIT = 100;

/** A program that runs to completion like a builtin (reads argv and stdin, writes stdout/stderr, may take time). */
export type ShTool = (st: ShState, argv: string[], io: ShIO) => Gen;

export interface ShState {
  m: ShMachine;
  status: number;
  /** Set by the driver when a program started with an `app` effect ends. */
  appExitCode?: number;
  /** Loops entered and not yet left (`break` outside a loop does nothing). */
  loops?: number;
}

export function* runCommand(st: ShState, argv: string[], io: ShIO): Gen {
  const name = argv[0].replace(/^\/(usr\/)?(local\/)?s?bin\//, '');
  if ((name === 'sh' || name === 'bash' || name === 'ash') && argv.length >= 2 && st.m.hasBinary(name)) {
    if (argv[1] === '-c' && argv.length >= 3) return yield* runScript(st, argv[2], io);
  }
  if ((name === 'sh' || name === 'ash' || name === 'bash') && st.m.hasBinary(name)) return 0;
  if (name === 'exec' && argv.length > 1) return yield* runCommand(st, argv.slice(1), io);
  if (name === 'break' || name === 'continue') {
    // dash and busybox ash: a count below 1 is an error; outside a loop both do nothing.
    const n = argv.length > 1 ? Number(argv[1]) : 1;
    if (!Number.isInteger(n) || n < 1) {
      io.err(st.m.flavor === 'busybox' ? `sh: ${name}: Illegal number: ${argv[1]}\n` : `sh: 1: ${name}: Illegal number: ${argv[1]}\n`);
      return 2;
    }
    if (!st.loops) return 0;
    throw new LoopSignal(name, Math.min(n, st.loops));
  }
  const b = builtins[name];
  if (b && st.m.hasBinary(name)) return yield* b(st, argv, io);
  const tool = st.m.tool?.(argv[0]);
  if (tool) return yield* tool(st, argv, io);
  if (!st.m.interactive) {
    const app = st.m.startApp(argv);
    if (app && 'exec' in app) return app.exec.length > 0 ? yield* runCommand(st, app.exec, io) : 0;
    if (app && 'error' in app) {
      if (app.error) io.err(app.error.endsWith('\n') ? app.error : app.error + '\n');
      return app.code;
    }
    if (app) {
      st.appExitCode = undefined;
      yield { app };
      return st.appExitCode ?? 0;
    }
  }
  io.err(st.m.flavor === 'busybox' ? `sh: ${argv[0]}: not found\n` : `sh: 1: ${argv[0]}: not found\n`);
  return 127;
}

/**
 * Parse and run a script text with the shared shell grammar in busybox ash's words; syntax errors are
 * reported as sh reports them (exit 2).
 */
export function* runScript(st: ShState, src: string, io: ShIO): Gen {
  let program;
  try {
    program = parse(src, 'ash').program;
  } catch (e) {
    io.err(`sh: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    return yield* runProgram(st, program, io);
  } catch (e) {
    if (e instanceof ShExit) return e.code;
    if (e instanceof ShSyntaxError || e instanceof ShellSyntaxError) {
      io.err(`sh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function noSuchFile(flavor: ShellFlavor, path: string, tool = 'cat'): string {
  return flavor === 'busybox' ? `${tool}: can't open '${path}': No such file or directory\n` : `${tool}: ${path}: No such file or directory\n`;
}
