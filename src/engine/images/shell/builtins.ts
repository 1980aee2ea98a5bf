/* eslint-disable require-yield -- every builtin shares the generator signature; most never sleep. */
import { ContainerFs } from '../fs.ts';
import { credBuiltins } from './creds.ts';
import { strftime, unixDate } from './format.ts';
import { netBuiltins } from './net/index.ts';
import { procBuiltins } from './procs.ts';
import { textBuiltins } from './textbuiltins.ts';
import { noSuchFile, ShExit, type Gen, type ShIO, type ShState } from './run.ts';

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

function lsLong(st: ShState, path: string, name: string): string {
  const isDir = st.m.fs.isDir(path);
  const size = isDir ? 4096 : (st.m.fs.read(path) ?? '').length;
  const when = new Date(st.m.now());
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][when.getUTCMonth()];
  const stamp = `${mon} ${String(when.getUTCDate()).padStart(2, ' ')} ${String(when.getUTCHours()).padStart(2, '0')}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
  const mode = isDir ? 'drwxr-xr-x' : '-rw-r--r--';
  const o = st.m.fs.ownerOf(path);
  const who = (id: number) => (id === 0 ? 'root' : String(id)).padEnd(8, ' ');
  return `${mode}    ${isDir ? 2 : 1} ${who(o.uid)} ${who(o.gid)} ${String(size).padStart(8, ' ')} ${stamp} ${name}\n`;
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
  *cat(st, argv, io) {
    const files = argv.slice(1).filter((a) => a !== '-');
    if (files.length === 0) {
      io.out(io.stdin);
      return 0;
    }
    let code = 0;
    for (const f of files) {
      if (st.m.fs.isDir(f)) {
        io.err(`cat: read error: Is a directory\n`);
        code = 1;
        continue;
      }
      const c = st.m.fs.read(f);
      if (c === undefined) {
        io.err(noSuchFile(st.m.flavor, f));
        code = 1;
      } else io.out(c);
    }
    return code;
  },
  *touch(st, argv, io) {
    let code = 0;
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (st.m.fs.isReadOnly(f)) {
        io.err(st.m.flavor === 'busybox' ? `touch: ${f}: Read-only file system\n` : `touch: cannot touch '${f}': Read-only file system\n`);
        code = 1;
      } else if (!st.m.fs.exists(f)) st.m.fs.write(f, '');
    }
    return code;
  },
  *mkdir(st, argv) {
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) st.m.fs.mkdirp(f);
    return 0;
  },
  *rm(st, argv, io) {
    const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
    let code = 0;
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (st.m.fs.isReadOnly(f) && st.m.fs.exists(f)) {
        io.err(st.m.flavor === 'busybox' ? `rm: can't remove '${f}': Read-only file system\n` : `rm: cannot remove '${f}': Read-only file system\n`);
        code = 1;
        continue;
      }
      if (!st.m.fs.remove(f, flags.includes('r')) && !flags.includes('f')) {
        io.err(st.m.flavor === 'busybox' ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
        code = 1;
      }
    }
    return code;
  },
  *ls(st, argv, io) {
    const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const paths = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (paths.length === 0) paths.push('/');
    let code = 0;
    for (const p of paths) {
      if (!st.m.fs.exists(p)) {
        io.err(st.m.flavor === 'busybox' ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`);
        code = 2;
        continue;
      }
      if (st.m.fs.isFile(p)) {
        io.out(flags.includes('l') ? lsLong(st, p, p) : p + '\n');
        continue;
      }
      let names = st.m.fs.list(p);
      if (!flags.includes('a')) names = names.filter((n) => !n.startsWith('.'));
      if (flags.includes('l')) {
        io.out(`total ${names.length * 4}\n` + names.map((n) => lsLong(st, ContainerFs.normalize(n, p), n)).join(''));
      } else io.out(names.map((n) => n + '\n').join(''));
    }
    return code;
  },
  *wc(_st, argv, io) {
    const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const counts: Record<string, number> = {
      l: io.stdin.split('\n').length - 1,
      w: io.stdin.split(/\s+/).filter(Boolean).length,
      c: io.stdin.length,
      m: io.stdin.length,
    };
    const want = ['l', 'w', 'm', 'c'].filter((k) => flags.includes(k));
    const cols = want.length > 0 ? want : ['l', 'w', 'c'];
    // One count from stdin prints bare; several are right-aligned in 7 columns.
    io.out(cols.length === 1 ? `${counts[cols[0]]}\n` : `${cols.map((k) => String(counts[k]).padStart(7)).join(' ')}\n`);
    return 0;
  },
  *kill() {
    return 0;
  },
  *wget(st, argv, io) {
    const url = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
    const toStdout = argv.some((a) => a === '-O-' || a === '-qO-' || a === '-O') || argv.includes('-qO-');
    const r = st.m.httpGet?.(url.startsWith('http') ? url : `http://${url}`) ?? { error: `wget: bad address '${url.replace(/^https?:\/\//, '').split('/')[0]}'` };
    if ('error' in r) {
      io.err(r.error + '\n');
      return 1;
    }
    if (r.status >= 400) {
      io.err(`wget: server returned error: HTTP/1.1 ${r.status}\n`);
      return 1;
    }
    if (toStdout) io.out(r.body);
    else st.m.fs.write('index.html', r.body);
    return 0;
  },
  *curl(st, argv, io) {
    const url = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
    const r = st.m.httpGet?.(url.startsWith('http') ? url : `http://${url}`) ?? { error: `curl: (6) Could not resolve host: ${url.replace(/^https?:\/\//, '').split(/[/:]/)[0]}` };
    if ('error' in r) {
      io.err(r.error + '\n');
      return 7;
    }
    io.out(r.body);
    return 0;
  },
  ...netBuiltins,
  ...textBuiltins,
  ...procBuiltins,
  ...credBuiltins,
};
