import type { ClusterRuntime } from '../runtime.ts';
import { ArithError } from './arith.ts';
import type { AndOr, BraceGroup, Command, ForLoop, Group, IfCommand, Pipeline, Program, Redirect, SimpleCommand, WhileLoop } from './ast.ts';
import { findShellCommand } from './commands/registry.ts';
import { expandToString, expandWord, type ExpandEnv } from './expand.ts';
import { parse, ShellSyntaxError } from './parser.ts';
import { applyRedirects } from './redirect.ts';
import type { CommandContext, ShellState } from './types.ts';

type Sink = (text: string) => void;

/** Where a command reads and writes. `outIsTTY` is true while stdout is still the terminal. */
export interface Io {
  stdin: string;
  out: Sink;
  err: Sink;
  outIsTTY: boolean;
}

/**
 * How many times one `while`/`until` loop may go round in the lab. A real shell runs `while true` until
 * Ctrl+C; the lab runs a whole input line to completion, so an endless loop stops here and says so.
 */
export const LOOP_STEP_LIMIT = 100;
/** A `for` loop's words bound it already; this only guards against absurd word lists. */
const FOR_STEP_LIMIT = 100_000;

/** `break N` / `continue N` unwinding to the loop N levels out. */
class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** A loop hit the step limit: the whole input stops (as Ctrl+C would), with status 130. */
class StepLimit {}

/** Runs parsed programs against the cluster runtime. Commands run one after another, pipes included. */
export class Executor {
  private depth = 0;
  /** Loops entered and not yet left (break/continue outside a loop are errors). */
  private loops = 0;

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
    if (this.depth > 0) return this.runProgram(parsed.program, io);
    try {
      return this.runProgram(parsed.program, io);
    } catch (e) {
      // Both end the whole input line, as bash abandons a command line on an arithmetic error or Ctrl+C.
      if (e instanceof ArithError) {
        io.err(`sh: ${e.message}\n`);
        return (this.state.lastStatus = 1);
      }
      if (e instanceof StepLimit) return (this.state.lastStatus = 130);
      throw e;
    } finally {
      this.loops = 0;
    }
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
    switch (cmd.type) {
      case 'simple':
        return this.runSimple(cmd, io);
      case 'group':
        return this.runGroup(cmd, io);
      default:
        return this.runCompound(cmd, io);
    }
  }

  private runCompound(cmd: ForLoop | WhileLoop | IfCommand | BraceGroup, io: Io): number {
    const redirected = this.applyRedirects(cmd.redirects, io);
    if (typeof redirected === 'number') return (this.state.lastStatus = redirected);
    if (cmd.type === 'brace') return this.runProgram(cmd.body, redirected);
    if (cmd.type === 'if') {
      for (const b of cmd.branches) if (this.runProgram(b.cond, redirected) === 0) return (this.state.lastStatus = this.runProgram(b.then, redirected));
      return (this.state.lastStatus = cmd.otherwise ? this.runProgram(cmd.otherwise, redirected) : 0);
    }
    return (this.state.lastStatus = cmd.type === 'for' ? this.runFor(cmd, redirected) : this.runWhile(cmd, redirected));
  }

  /** Run one round of a loop body; returns 'break' or 'continue' when a break/continue reached this loop. */
  private loopBody(body: Program, io: Io): { status: number; control?: 'break' | 'continue' } {
    try {
      return { status: this.runProgram(body, io) };
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { status: 0, control: e.kind };
    }
  }

  private runFor(cmd: ForLoop, io: Io): number {
    const env = this.expandEnv(io);
    const items = cmd.words.flatMap((w) => expandWord(env, w));
    return this.asLoop(() => {
      let status = 0;
      for (const [n, item] of items.entries()) {
        if (n >= FOR_STEP_LIMIT) this.stepLimit('for', FOR_STEP_LIMIT, io);
        this.state.vars.set(cmd.name, item);
        const r = this.loopBody(cmd.body, io);
        status = r.status;
        if (r.control === 'break') break;
      }
      return status;
    });
  }

  private runWhile(cmd: WhileLoop, io: Io): number {
    return this.asLoop(() => {
      let status = 0;
      for (let n = 0; ; n++) {
        const c = this.runProgram(cmd.cond, io);
        if ((c === 0) === cmd.until) break;
        if (n >= LOOP_STEP_LIMIT) this.stepLimit(cmd.until ? 'until' : 'while', LOOP_STEP_LIMIT, io);
        const r = this.loopBody(cmd.body, io);
        status = r.status;
        if (r.control === 'break') break;
      }
      return status;
    });
  }

  /** Run `rounds` one loop level deeper (`break`/`continue` count levels). */
  private asLoop(rounds: () => number): number {
    this.loops++;
    try {
      return rounds();
    } finally {
      this.loops--;
    }
  }

  private stepLimit(kind: string, limit: number, io: Io): never {
    io.err(`sh: ${kind} loop stopped after ${limit} iterations: the lab's step limit (a real shell would run until Ctrl+C)\n`);
    throw new StepLimit();
  }

  /** `break [N]` / `continue [N]`: bash's messages for a bad count or use outside a loop. */
  private loopControl(argv: string[], io: Io): number {
    const name = argv[0] as 'break' | 'continue';
    let levels = 1;
    if (argv.length > 1) {
      if (!/^-?\d+$/.test(argv[1])) {
        io.err(`sh: ${name}: ${argv[1]}: numeric argument required\n`);
        levels = 0;
      } else if (Number(argv[1]) < 1) {
        io.err(`sh: ${name}: ${argv[1]}: loop count out of range\n`);
        return 1;
      } else levels = Number(argv[1]);
      if (argv.length > 2 && levels > 0) {
        io.err(`sh: ${name}: too many arguments\n`);
        return 1;
      }
    }
    if (this.loops === 0) {
      io.err(`sh: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    throw new LoopControl(name, Math.min(Math.max(levels, 1), this.loops));
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
      if (argv[0] === 'break' || argv[0] === 'continue') return (this.state.lastStatus = this.loopControl(argv, redirected));
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

  private applyRedirects(redirects: Redirect[], io: Io): Io | number {
    return applyRedirects(this.rt, this.expandEnv(io), redirects, io);
  }
}
