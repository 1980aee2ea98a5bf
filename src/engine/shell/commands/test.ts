import { isDirectory, readFile } from '../fs.ts';
import type { CommandContext } from '../types.ts';
import { registerShellCommand } from './registry.ts';

const INT_OPS: Record<string, (a: number, b: number) => boolean> = {
  '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b, '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
};

class TestError {
  constructor(readonly message: string) {}
}

function int(name: string, v: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new TestError(`${name}: ${v}: integer expression expected`);
  return parseInt(v, 10);
}

/** bash's `test`: 0, 1, 2 and 3 arguments by POSIX's rules (no -a/-o chains). */
function evaluate(ctx: CommandContext, name: string, args: string[]): boolean {
  if (args.length === 0) return false;
  if (args[0] === '!' && args.length > 1) return !evaluate(ctx, name, args.slice(1));
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    if (op === '-z') return v === '';
    if (op === '-n') return v !== '';
    if (op === '-e') return readFile(ctx.rt, v) !== undefined || isDirectory(ctx.rt, v);
    if (op === '-f') return readFile(ctx.rt, v) !== undefined;
    if (op === '-s') return (readFile(ctx.rt, v) ?? '') !== '';
    if (op === '-d') return isDirectory(ctx.rt, v);
    throw new TestError(`${name}: ${op}: unary operator expected`);
  }
  if (args.length === 3) {
    const [a, op, b] = args;
    if (op === '=' || op === '==') return a === b;
    if (op === '!=') return a !== b;
    if (op === '<') return a < b;
    if (op === '>') return a > b;
    const f = INT_OPS[op];
    if (f) return f(int(name, a), int(name, b));
    throw new TestError(`${name}: ${op}: binary operator expected`);
  }
  throw new TestError(`${name}: too many arguments`);
}

function run(ctx: CommandContext): number {
  const name = ctx.argv[0];
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.err("sh: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(ctx, name, args) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    ctx.err(`sh: ${e.message}\n`);
    return 2;
  }
}

registerShellCommand({ name: 'test', synopsis: 'test [expr]', run });
registerShellCommand({ name: '[', synopsis: '[ arg... ]', run });
