import type { Command, ForLoop, Pipeline, Program, SimpleCommand, WhileLoop } from '../../shell/ast.ts';
import { expandWord } from './expand.ts';
import { applyRedirects } from './redirect.ts';
import { EXEC_LOOP_LIMIT, LoopSignal, runCommand, ShExit, type Effect, type Gen, type ShIO, type ShState } from './run.ts';

/** Run a parsed program (`;`/newline lists of `&&`/`||` chains); the status is the last command's. */
export function* runProgram(st: ShState, program: Program, io: ShIO): Gen {
  let status = 0;
  for (const andOr of program) {
    status = st.status = yield* runPipeline(st, andOr.first, io);
    for (const { op, pipeline } of andOr.rest) {
      if ((op === '&&') !== (status === 0)) continue;
      status = st.status = yield* runPipeline(st, pipeline, io);
    }
  }
  return status;
}

/** Commands of a pipe run one after another, each reading what the one before wrote. */
function* runPipeline(st: ShState, pipeline: Pipeline, io: ShIO): Gen {
  let input = io.stdin;
  let status = 0;
  const { commands } = pipeline;
  for (let i = 0; i < commands.length; i++) {
    const last = i === commands.length - 1;
    let buf = '';
    const sub: ShIO = { out: last ? io.out : (t) => (buf += t), err: io.err, stdin: input };
    status = yield* runCommandNode(st, commands[i], sub);
    input = buf;
  }
  return pipeline.negate ? Number(status === 0) : status;
}

function* runCommandNode(st: ShState, cmd: Command, io: ShIO): Gen {
  if (cmd.type === 'simple') return yield* runSimple(st, cmd, io);
  const redirected = cmd.redirects.length > 0 ? yield* applyRedirects(st, cmd.redirects, io) : io;
  if (typeof redirected === 'number') return redirected;
  switch (cmd.type) {
    case 'group':
    case 'brace':
      return yield* runProgram(st, cmd.body, redirected);
    case 'if': {
      for (const b of cmd.branches) if ((yield* runProgram(st, b.cond, redirected)) === 0) return yield* runProgram(st, b.then, redirected);
      return cmd.otherwise ? yield* runProgram(st, cmd.otherwise, redirected) : 0;
    }
    case 'while':
      return yield* asLoop(st, whileRounds(st, cmd, redirected));
    case 'for': {
      const items: string[] = [];
      for (const w of cmd.words) items.push(...(yield* expandWord(st, w)));
      return yield* asLoop(st, forRounds(st, cmd, items, redirected));
    }
  }
}

/** Run one round of a loop body; a break/continue aimed at this loop comes back as its kind. */
function* loopRound(st: ShState, body: Program, io: ShIO): Generator<Effect, { status: number; control?: 'break' | 'continue' }, void> {
  try {
    return { status: yield* runProgram(st, body, io) };
  } catch (e) {
    if (!(e instanceof LoopSignal)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return { status: 0, control: e.kind };
  }
}

/** Run `rounds` as one more loop level (`break`/`continue` outside every loop do nothing). */
function* asLoop(st: ShState, rounds: Gen): Gen {
  st.loops = (st.loops ?? 0) + 1;
  try {
    return yield* rounds;
  } finally {
    st.loops = (st.loops ?? 1) - 1;
  }
}

function* whileRounds(st: ShState, loop: WhileLoop, io: ShIO): Gen {
  let status = 0;
  for (let guard = 0; ; guard++) {
    const c = yield* runProgram(st, loop.cond, io);
    if ((c === 0) === loop.until) break;
    if (st.m.interactive && guard >= EXEC_LOOP_LIMIT) {
      io.err(`sh: ${loop.until ? 'until' : 'while'} loop stopped after ${EXEC_LOOP_LIMIT} iterations: the lab's step limit (a real shell would run until Ctrl+C)\n`);
      throw new ShExit(130);
    }
    const before = st.m.now();
    const r = yield* loopRound(st, loop.body, io);
    status = r.status;
    if (r.control === 'break') break;
    // A loop that never sleeps would spin forever in zero time; treat it as burning a little CPU time.
    if (!st.m.interactive && st.m.now() === before) yield { sleep: guard < 1000 ? 0 : 1 };
  }
  return status;
}

function* forRounds(st: ShState, loop: ForLoop, items: readonly string[], io: ShIO): Gen {
  let status = 0;
  for (const v of items) {
    st.m.vars.set(loop.name, v);
    const r = yield* loopRound(st, loop.body, io);
    status = r.status;
    if (r.control === 'break') break;
  }
  return status;
}

/** Words, then (with no command) assignments; else redirections and assignments for this command only. */
function* runSimple(st: ShState, cmd: SimpleCommand, io: ShIO): Gen {
  const argv: string[] = [];
  for (const w of cmd.words) argv.push(...(yield* expandWord(st, w)));
  if (argv.length === 0) {
    for (const a of cmd.assigns) st.m.vars.set(a.name, (yield* expandWord(st, a.value)).join(' '));
    return 0;
  }
  const redirected = yield* applyRedirects(st, cmd.redirects, io);
  if (typeof redirected === 'number') return redirected;
  const saved: Array<[string, string | undefined]> = [];
  for (const a of cmd.assigns) {
    saved.push([a.name, st.m.vars.get(a.name)]);
    st.m.vars.set(a.name, (yield* expandWord(st, a.value)).join(' '));
  }
  try {
    return yield* runCommand(st, argv, redirected);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) st.m.vars.delete(k);
      else st.m.vars.set(k, v);
    }
  }
}
