import type { ClusterRuntime } from '../runtime.ts';
import type { AndOr, Command, Group, Pipeline, Program, Redirect, SimpleCommand } from './ast.ts';
import { findShellCommand } from './commands/registry.ts';
import { expandToString, expandWord, type ExpandEnv } from './expand.ts';
import { appendFile, isDirectory, normalizePath, readFile, writeFile } from './fs.ts';
import { heredocParts } from './lexer.ts';
import { parse, ShellSyntaxError } from './parser.ts';
import type { CommandContext, ShellState } from './types.ts';

type Sink = (text: string) => void;

/** Where a command reads and writes. `outIsTTY` is true while stdout is still the terminal. */
export interface Io {
  stdin: string;
  out: Sink;
  err: Sink;
  outIsTTY: boolean;
}

const discard: Sink = () => {};

/** Runs parsed programs against the cluster runtime. Commands run one after another, pipes included. */
export class Executor {
  private depth = 0;

  constructor(
    private rt: ClusterRuntime,
    private readonly state: ShellState,
  ) {}

  /** Run every later command against `rt` (the lab's cluster was replaced: `Cluster.reset`). */
  setRuntime(rt: ClusterRuntime): void {
    this.rt = rt;
  }

  /** Parse and run `src`; syntax errors are reported on `io.err` as bash reports them (status 2). */
  runSource(src: string, io: Io): number {
    let parsed;
    try {
      parsed = parse(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(`sh: ${e.message}\n`);
      return (this.state.lastStatus = 2);
    }
    for (const w of parsed.warnings) io.err(`sh: ${w}\n`);
    return this.runProgram(parsed.program, io);
  }

  runProgram(program: Program, io: Io): number {
    let status = this.state.lastStatus;
    for (const andOr of program) status = this.runAndOr(andOr, io);
    return status;
  }

  private runAndOr(list: AndOr, io: Io): number {
    let status = this.runPipeline(list.first, io);
    for (const { op, pipeline } of list.rest) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = this.runPipeline(pipeline, io);
    }
    return status;
  }

  private runPipeline(p: Pipeline, io: Io): number {
    let stdin = io.stdin;
    let status = 0;
    p.commands.forEach((cmd, i) => {
      const last = i === p.commands.length - 1;
      let piped = '';
      const out: Sink = last ? io.out : (t) => (piped += t);
      status = this.runCommand(cmd, { stdin, out, err: io.err, outIsTTY: last && io.outIsTTY });
      stdin = piped;
    });
    if (p.negate) status = status === 0 ? 1 : 0;
    this.state.lastStatus = status;
    return status;
  }

  private runCommand(cmd: Command, io: Io): number {
    return cmd.type === 'group' ? this.runGroup(cmd, io) : this.runSimple(cmd, io);
  }

  /** `( list )` runs in a subshell: variable changes inside do not survive it. */
  private runGroup(cmd: Group, io: Io): number {
    const redirected = this.applyRedirects(cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    const saved = new Map(this.state.vars);
    const savedExported = new Set(this.state.exported);
    try {
      return this.runProgram(cmd.body, redirected);
    } finally {
      this.state.vars = saved;
      this.state.exported = savedExported;
    }
  }

  private expandEnv(io: Io): ExpandEnv {
    return { rt: this.rt, state: this.state, substitute: (src) => this.substitute(src, io) };
  }

  /** `$(...)`: run `src` with stdout captured; its stderr goes where the enclosing command's goes. */
  private substitute(src: string, io: Io): string {
    if (this.depth > 20) return '';
    this.depth++;
    let captured = '';
    try {
      this.runSource(src, { stdin: '', out: (t) => (captured += t), err: io.err, outIsTTY: false });
    } finally {
      this.depth--;
    }
    return captured;
  }

  private runSimple(cmd: SimpleCommand, io: Io): number {
    const env = this.expandEnv(io);
    const argv = cmd.words.flatMap((w) => expandWord(env, w));
    const values = cmd.assigns.map((a) => ({ name: a.name, value: expandToString(env, a.value.parts) }));
    const redirected = this.applyRedirects(cmd.redirects, io);
    if (typeof redirected === 'number') return (this.state.lastStatus = redirected);
    if (argv.length === 0) {
      for (const { name, value } of values) this.state.vars.set(name, value);
      return (this.state.lastStatus = 0);
    }
    // `NAME=value cmd` sets the variable for that command only.
    const saved = values.map(({ name }) => [name, this.state.vars.get(name)] as const);
    for (const { name, value } of values) this.state.vars.set(name, value);
    try {
      const spec = this.state.overlay?.find(argv[0]) ?? findShellCommand(argv[0]);
      if (!spec) {
        redirected.err(`sh: ${argv[0]}: command not found\n`);
        return (this.state.lastStatus = 127);
      }
      const ctx: CommandContext = {
        rt: this.rt,
        argv,
        stdin: redirected.stdin,
        out: redirected.out,
        err: redirected.err,
        history: this.state.history,
        shell: this.state,
        isTTY: redirected.outIsTTY,
      };
      const status = spec.run(ctx);
      this.rt.settle();
      return (this.state.lastStatus = status);
    } finally {
      for (const [name, old] of saved) {
        if (values.length === 0) break;
        if (old === undefined) this.state.vars.delete(name);
        else this.state.vars.set(name, old);
      }
    }
  }

  /** Apply redirections left to right; returns the new Io, or an exit status when one fails. */
  private applyRedirects(redirects: Redirect[], io: Io): Io | number {
    const fds: Record<number, Sink> = { 1: io.out, 2: io.err };
    let stdin = io.stdin;
    let outIsTTY = io.outIsTTY;
    const env = this.expandEnv(io);
    for (const r of redirects) {
      if (r.heredoc) {
        stdin = r.heredoc.expand ? expandToString(env, heredocParts(r.heredoc.body)) : r.heredoc.body;
        continue;
      }
      const fields = expandWord(env, r.target!);
      if (fields.length !== 1) {
        io.err(`sh: ${r.target!.raw}: ambiguous redirect\n`);
        return 1;
      }
      const target = fields[0];
      if (r.op === '<<<') {
        stdin = target + '\n';
      } else if (r.op === '>&' || r.op === '<&') {
        if (target === '-') fds[r.fd] = discard;
        else if (target === '1' || target === '2') fds[r.fd] = fds[Number(target)];
        else if (r.op === '>&' && !/^\d+$/.test(target)) {
          const sink = this.fileSink(target, false, io);
          if (typeof sink === 'number') return sink;
          fds[1] = fds[2] = sink;
        } else {
          io.err(`sh: ${target}: Bad file descriptor\n`);
          return 1;
        }
      } else if (r.op === '<') {
        const content = target === '/dev/null' ? '' : readFile(this.rt, target);
        if (content === undefined) {
          io.err(`sh: ${target}: ${isDirectory(this.rt, target) ? 'Is a directory' : 'No such file or directory'}\n`);
          return 1;
        }
        stdin = content;
      } else {
        const sink = this.fileSink(target, r.op === '>>' || r.op === '&>>', io);
        if (typeof sink === 'number') return sink;
        if (r.fd === -1) fds[1] = fds[2] = sink;
        else fds[r.fd] = sink;
      }
      if (r.fd === 1 || r.fd === -1) outIsTTY = fds[1] === io.out && io.outIsTTY;
    }
    return { stdin, out: fds[1] ?? discard, err: fds[2] ?? discard, outIsTTY };
  }

  private fileSink(target: string, append: boolean, io: Io): Sink | number {
    if (target === '/dev/null') return discard;
    if (target === '/dev/stdout') return io.out;
    if (target === '/dev/stderr') return io.err;
    if (isDirectory(this.rt, target) || normalizePath(target) === '') {
      io.err(`sh: ${target}: Is a directory\n`);
      return 1;
    }
    if (!append) writeFile(this.rt, target, '');
    else appendFile(this.rt, target, '');
    return (t) => appendFile(this.rt, target, t);
  }
}
