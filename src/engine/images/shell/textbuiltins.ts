/* eslint-disable require-yield -- the text tools run to completion at once. */
import { grep } from '../../shell/text/grep.ts';
import { seq } from '../../shell/text/seq.ts';
import { sort } from '../../shell/text/sort.ts';
import type { TextTool } from '../../shell/text/tool.ts';
import { uniq } from '../../shell/text/uniq.ts';
import type { Gen, ShIO, ShState } from './run.ts';

/** A shared text tool (the lab shell's grep, sort, uniq, seq) over the container's filesystem. */
function inContainer(tool: TextTool) {
  return function* (st: ShState, argv: string[], io: ShIO): Gen {
    return tool({ argv, stdin: io.stdin, out: io.out, err: io.err, read: (f) => (st.m.fs.isDir(f) ? 'dir' : st.m.fs.read(f)) });
  };
}

/** `head [-n N | -nN | -N] [FILE]`: the first N lines (10 by default). */
function* head(st: ShState, argv: string[], io: ShIO): Gen {
  let n = 10;
  let file: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const spec = a === '-n' ? argv[++i] : a.startsWith('-n') ? a.slice(2) : /^-\d+$/.test(a) ? a.slice(1) : undefined;
    if (spec === undefined) {
      file = a;
      continue;
    }
    if (!/^\d+$/.test(spec ?? '')) {
      io.err(st.m.flavor === 'busybox' ? `head: invalid number '${spec ?? ''}'\n` : `head: invalid number of lines: ‘${spec ?? ''}’\n`);
      return 1;
    }
    n = Number(spec);
  }
  const text = file === undefined || file === '-' ? io.stdin : st.m.fs.read(file);
  if (text === undefined) {
    io.err(st.m.flavor === 'busybox' ? `head: ${file}: No such file or directory\n` : `head: cannot open '${file}' for reading: No such file or directory\n`);
    return 1;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  io.out(lines.slice(0, n).map((l) => l + '\n').join(''));
  return 0;
}

export const textBuiltins = {
  grep: inContainer(grep),
  sort: inContainer(sort),
  uniq: inContainer(uniq),
  seq: inContainer(seq),
  head,
};
