import type { PodNetView, PsEntry } from './procs.ts';
import type { ContainerFs } from '../fs.ts';
import type { AppInstance, ShellFlavor } from '../types.ts';
import { builtins } from './builtins.ts';
import type { ProcessCreds } from './creds.ts';
import type { ContainerNet } from './net/types.ts';
import { parseScript, ShSyntaxError, type ShNode, type Word } from './parse.ts';

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

/** Run one round of a loop body; a break/continue aimed at this loop comes back as its kind. */
function* loopRound(st: ShState, body: ShNode, io: ShIO): Generator<Effect, { status: number; control?: 'break' | 'continue' }, void> {
  try {
    return { status: yield* runNode(st, body, io) };
  } catch (e) {
    if (!(e instanceof LoopSignal)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return { status: 0, control: e.kind };
  }
}

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

function* expandWord(st: ShState, w: Word): Generator<Effect, string[], void> {
  // Returns the fields a word expands to (unquoted expansions split on whitespace).
  const fields: string[] = [];
  let cur = '';
  let have = false;
  for (const p of w) {
    let text: string;
    if (p.kind === 'lit') text = p.text;
    else if (p.kind === 'var') text = lookupVar(st, p.name);
    else if (p.kind === 'arith') text = String(arith(st, p.expr));
    else {
      let out = '';
      const io: ShIO = { out: (t) => (out += t), err: () => {}, stdin: '' };
      yield* runNode(st, p.script, io);
      text = out.replace(/\n+$/, '');
    }
    if (p.quoted || p.kind === 'lit') {
      cur += text;
      have = true;
      continue;
    }
    const parts = text.split(/[ \t\n]+/);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0 && (cur || have)) {
        fields.push(cur);
        cur = '';
        have = false;
      }
      if (parts[i]) {
        cur += parts[i];
        have = true;
      }
    }
  }
  if (cur || have) fields.push(cur);
  return fields;
}

function lookupVar(st: ShState, name: string): string {
  if (name === '?') return String(st.status);
  if (name === '$') return '1';
  if (name === '#') return '0';
  if (name === 'HOSTNAME') return st.m.vars.get('HOSTNAME') ?? st.m.hostname;
  const dflt = /^([A-Za-z_][A-Za-z0-9_]*):?-(.*)$/.exec(name);
  if (dflt) return st.m.vars.get(dflt[1]) || dflt[2];
  return st.m.vars.get(name) ?? '';
}

/** `$(( ))`: integers with + - * / % and parentheses, variables by name. */
export function arith(st: ShState, expr: string): number {
  const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, v: string) => String(parseInt(st.m.vars.get(v) ?? '0', 10) || 0));
  if (!/^[\d\s+\-*/%()]*$/.test(src)) throw new ShSyntaxError(`arithmetic syntax error`);
  let i = 0;
  const s = src.replace(/\s+/g, '');
  const num = (): number => {
    if (s[i] === '(') {
      i++;
      const v = sum();
      i++;
      return v;
    }
    if (s[i] === '-') {
      i++;
      return -num();
    }
    const m = /^\d+/.exec(s.slice(i));
    if (!m) throw new ShSyntaxError('arithmetic syntax error');
    i += m[0].length;
    return parseInt(m[0], 10);
  };
  const prod = (): number => {
    let v = num();
    while (s[i] === '*' || s[i] === '/' || s[i] === '%') {
      const op = s[i++];
      const r = num();
      if (op !== '*' && r === 0) throw new ShSyntaxError('divide by zero');
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = prod();
    while (s[i] === '+' || s[i] === '-') {
      const op = s[i++];
      const r = prod();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  return s ? sum() : 0;
}

export function* runNode(st: ShState, node: ShNode, io: ShIO): Gen {
  switch (node.kind) {
    case 'list': {
      let status = 0;
      for (const it of node.items) {
        if (it.op === '&&' && status !== 0) continue;
        if (it.op === '||' && status === 0) continue;
        status = yield* runNode(st, it.node, io);
        st.status = status;
      }
      return status;
    }
    case 'pipe': {
      let input = io.stdin;
      let status = 0;
      for (let i = 0; i < node.cmds.length; i++) {
        const last = i === node.cmds.length - 1;
        let buf = '';
        const sub: ShIO = { out: last ? io.out : (t) => (buf += t), err: io.err, stdin: input };
        status = yield* runNode(st, node.cmds[i], sub);
        input = buf;
      }
      return status;
    }
    case 'group':
      return yield* runNode(st, node.body, io);
    case 'if': {
      if ((yield* runNode(st, node.cond, io)) === 0) return yield* runNode(st, node.then, io);
      for (const e of node.elifs) if ((yield* runNode(st, e.cond, io)) === 0) return yield* runNode(st, e.then, io);
      return node.else ? yield* runNode(st, node.else, io) : 0;
    }
    case 'while': {
      let status = 0;
      st.loops = (st.loops ?? 0) + 1;
      try {
        for (let guard = 0; ; guard++) {
          const c = yield* runNode(st, node.cond, io);
          if ((c === 0) === node.until) break;
          if (st.m.interactive && guard >= EXEC_LOOP_LIMIT) {
            io.err(`sh: ${node.until ? 'until' : 'while'} loop stopped after ${EXEC_LOOP_LIMIT} iterations: the lab's step limit (a real shell would run until Ctrl+C)\n`);
            throw new ShExit(130);
          }
          const before = st.m.now();
          const r = yield* loopRound(st, node.body, io);
          status = r.status;
          if (r.control === 'break') break;
          // A loop that never sleeps would spin forever in zero time; treat it as burning a little CPU time.
          if (!st.m.interactive && st.m.now() === before) yield { sleep: guard < 1000 ? 0 : 1 };
        }
      } finally {
        st.loops = (st.loops ?? 1) - 1;
      }
      return status;
    }
    case 'for': {
      const items: string[] = [];
      for (const w of node.items ?? []) items.push(...(yield* expandWord(st, w)));
      let status = 0;
      st.loops = (st.loops ?? 0) + 1;
      try {
        for (const v of items) {
          st.m.vars.set(node.name, v);
          const r = yield* loopRound(st, node.body, io);
          status = r.status;
          if (r.control === 'break') break;
        }
      } finally {
        st.loops = (st.loops ?? 1) - 1;
      }
      return status;
    }
    case 'simple':
      return yield* runSimple(st, node, io);
  }
}

function* runSimple(st: ShState, node: Extract<ShNode, { kind: 'simple' }>, io: ShIO): Gen {
  const argv: string[] = [];
  for (const w of node.words) argv.push(...(yield* expandWord(st, w)));
  if (argv.length === 0) {
    for (const a of node.assigns) st.m.vars.set(a.name, (yield* expandWord(st, a.value)).join(' '));
    return 0;
  }
  // Redirections.
  let out = io.out;
  let err = io.err;
  let stdin = io.stdin;
  for (const r of node.redirects) {
    const target = (yield* expandWord(st, r.target)).join(' ');
    if (r.op === '>&') {
      if (r.fd === 2 && target === '1') err = out;
      else if (r.fd === 1 && target === '2') out = err;
      continue;
    }
    if (r.op === '<') {
      const c = st.m.fs.read(target);
      if (c === undefined) {
        io.err(noSuchFile(st.m.flavor, target));
        return 1;
      }
      stdin = c;
      continue;
    }
    if (target === '/dev/null') {
      if (r.fd === 2) err = () => {};
      else out = () => {};
      continue;
    }
    if (st.m.fs.isReadOnly(target)) {
      io.err(st.m.flavor === 'busybox' ? `sh: can't create ${target}: Read-only file system\n` : `bash: ${target}: Read-only file system\n`);
      return 1;
    }
    if (r.op === '>') st.m.fs.write(target, '');
    const sink = (t: string) => st.m.fs.write(target, t, true);
    if (r.fd === 2) err = sink;
    else out = sink;
  }
  const saved: Array<[string, string | undefined]> = [];
  for (const a of node.assigns) {
    saved.push([a.name, st.m.vars.get(a.name)]);
    st.m.vars.set(a.name, (yield* expandWord(st, a.value)).join(' '));
  }
  try {
    return yield* runCommand(st, argv, { out, err, stdin });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) st.m.vars.delete(k);
      else st.m.vars.set(k, v);
    }
  }
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

/** Parse and run a script text; syntax errors are reported as sh reports them (exit 2). */
export function* runScript(st: ShState, src: string, io: ShIO): Gen {
  let node: ShNode;
  try {
    node = parseScript(src);
  } catch (e) {
    io.err(`sh: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    return yield* runNode(st, node, io);
  } catch (e) {
    if (e instanceof ShExit) return e.code;
    if (e instanceof ShSyntaxError) {
      io.err(`sh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function noSuchFile(flavor: ShellFlavor, path: string, tool = 'cat'): string {
  return flavor === 'busybox' ? `${tool}: can't open '${path}': No such file or directory\n` : `${tool}: ${path}: No such file or directory\n`;
}
