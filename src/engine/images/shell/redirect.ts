import type { Redirect } from '../../shell/ast.ts';
import { heredocParts } from '../../shell/words.ts';
import { expandString, expandWord } from './expand.ts';
import { noSuchFile, type Effect, type ShIO, type ShState } from './run.ts';

const discard = (): void => {};

/**
 * Apply a command's redirections left to right: files under the container's filesystem, `2>&1`/`1>&2`,
 * `/dev/null`, heredocs and here-strings. Returns the new streams, or an exit status when one fails (the
 * message already written).
 */
export function* applyRedirects(st: ShState, redirects: readonly Redirect[], io: ShIO): Generator<Effect, ShIO | number, void> {
  let { out, err, stdin } = io;
  for (const r of redirects) {
    if (r.heredoc) {
      stdin = r.heredoc.expand ? yield* expandString(st, heredocParts(r.heredoc.body)) : r.heredoc.body;
      continue;
    }
    const target = (yield* expandWord(st, r.target!)).join(' ');
    if (r.op === '<<<') {
      stdin = target + '\n';
      continue;
    }
    if (r.op === '>&' || r.op === '<&') {
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
    let sink: (t: string) => void = discard;
    if (target !== '/dev/null') {
      if (st.m.fs.isReadOnly(target)) {
        io.err(st.m.flavor === 'busybox' ? `sh: can't create ${target}: Read-only file system\n` : `bash: ${target}: Read-only file system\n`);
        return 1;
      }
      if (r.op === '>' || r.op === '&>') st.m.fs.write(target, '');
      sink = (t: string) => st.m.fs.write(target, t, true);
    }
    if (r.fd === 2 || r.fd === -1) err = sink;
    if (r.fd === 1 || r.fd === -1) out = sink;
  }
  return { out, err, stdin };
}
