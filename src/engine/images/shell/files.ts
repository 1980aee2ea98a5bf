/* eslint-disable require-yield -- every builtin shares the generator signature; none of these sleeps. */
import { ContainerFs } from '../fs.ts';
import { noSuchFile, type Gen, type ShIO, type ShState } from './run.ts';

/** One `ls -l` line (busybox/coreutils layout; the time is the cluster's now). */
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

/** The file tools of a container's `sh`: cat, touch, mkdir, rm, ls and wc, over its ContainerFs. */
export const fileBuiltins: Record<string, (st: ShState, argv: string[], io: ShIO) => Gen> = {
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
};
