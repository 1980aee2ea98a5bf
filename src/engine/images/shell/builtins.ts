/* eslint-disable require-yield -- every builtin shares the generator signature; most never sleep. */
import { credBuiltins } from './creds.ts';
import { fileBuiltins } from './files.ts';
import { strftime, unixDate } from './format.ts';
import { netBuiltins } from './net/index.ts';
import { procBuiltins } from './procs.ts';
import { textBuiltins } from './textbuiltins.ts';
import { ShExit, type Gen, type ShIO, type ShState } from './run.ts';

type Builtin = (st: ShState, argv: string[], io: ShIO) => Gen;

/** `sleep` operands: `5`, `0.5`, `2m`, `1h`, `infinity`. Returns ms or undefined when invalid. */
export function parseSleep(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Math.round(parseFloat(m[1]) * unit);
}

function* noop(): Gen {
  return 0;
}

function* sync(fn: () => number): Gen {
  return fn();
}

function testExpr(st: ShState, args: string[]): boolean {
  if (args[0] === '!') return !testExpr(st, args.slice(1));
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    switch (op) {
      case '-f': return st.m.fs.isFile(v);
      case '-d': return st.m.fs.isDir(v);
      case '-e': return st.m.fs.exists(v);
      case '-s': return (st.m.fs.read(v) ?? '') !== '';
      case '-z': return v === '';
      case '-n': return v !== '';
      default: return false;
    }
  }
  const [a, op, b] = args;
  const na = parseInt(a, 10);
  const nb = parseInt(b, 10);
  switch (op) {
    case '=':
    case '==': return a === b;
    case '!=': return a !== b;
    case '-eq': return na === nb;
    case '-ne': return na !== nb;
    case '-lt': return na < nb;
    case '-le': return na <= nb;
    case '-gt': return na > nb;
    case '-ge': return na >= nb;
    default: return false;
  }
}

function echoText(args: string[]): { text: string; newline: boolean } {
  let newline = true;
  let escapes = false;
  let i = 1;
  while (i < args.length && /^-[neE]+$/.test(args[i])) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
    i++;
  }
  let text = args.slice(i).join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return { text, newline };
}

export const builtins: Record<string, Builtin> = {
  true: noop,
  ':': noop,
  cd: noop,
  wait: noop,
  trap: noop,
  set: noop,
  false: () => sync(() => 1),
  *exit(st, argv) {
    throw new ShExit(argv[1] !== undefined ? parseInt(argv[1], 10) & 255 : st.status);
  },
  *export(st, argv) {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0) st.m.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  *unset(st, argv) {
    for (const a of argv.slice(1)) st.m.vars.delete(a);
    return 0;
  },
  *echo(_st, argv, io) {
    const { text, newline } = echoText(argv);
    io.out(text + (newline ? '\n' : ''));
    return 0;
  },
  *printf(_st, argv, io) {
    const fmt = argv[1] ?? '';
    let k = 2;
    const out = fmt
      .replace(/%[sd]/g, () => argv[k++] ?? '')
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t');
    io.out(out);
    return 0;
  },
  *sleep(st, argv, io) {
    if (argv.length < 2) {
      io.err(st.m.flavor === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\nTry \'sleep --help\' for more information.\n');
      return 1;
    }
    let total = 0;
    for (const a of argv.slice(1)) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        io.err(st.m.flavor === 'busybox' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += ms;
    }
    // Under `kubectl exec` the driver moves the cluster's clock when it can (see execInContainer).
    if (!st.m.interactive || Number.isFinite(total)) yield { sleep: total };
    return 0;
  },
  *test(st, argv) {
    return testExpr(st, argv.slice(1)) ? 0 : 1;
  },
  *'['(st, argv) {
    const args = argv.slice(1);
    if (args[args.length - 1] === ']') args.pop();
    return testExpr(st, args) ? 0 : 1;
  },
  *date(st, argv, io) {
    const fmt = argv.find((a) => a.startsWith('+'));
    io.out((fmt ? strftime(fmt.slice(1), st.m.now()) : unixDate(st.m.now())) + '\n');
    return 0;
  },
  *hostname(st, argv, io) {
    // -i resolves the host name: /etc/hosts maps it to the pod IP.
    io.out((argv[1] === '-i' && st.m.podIP ? st.m.podIP : st.m.hostname) + '\n');
    return 0;
  },
  *pwd(_st, _argv, io) {
    io.out('/\n');
    return 0;
  },
  *uname(st, argv, io) {
    io.out(argv.includes('-a') ? `Linux ${st.m.hostname} 6.8.0-1019-gcp #21-Ubuntu SMP x86_64 GNU/Linux\n` : 'Linux\n');
    return 0;
  },
  *env(st, _argv, io) {
    io.out([...st.m.vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  },
  *printenv(st, argv, io) {
    if (argv.length < 2) {
      io.out([...st.m.vars].map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let code = 0;
    for (const k of argv.slice(1)) {
      const v = st.m.vars.get(k);
      if (v === undefined) code = 1;
      else io.out(v + '\n');
    }
    return code;
  },
  *kill() {
    return 0;
  },
  ...fileBuiltins,
  ...netBuiltins,
  ...textBuiltins,
  ...procBuiltins,
  ...credBuiltins,
};
