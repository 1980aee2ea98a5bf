import type { ClusterRuntime } from '../runtime.ts';
import type { Redirect } from './ast.ts';
import { expandToString, expandWord, type ExpandEnv } from './expand.ts';
import type { Io } from './exec.ts';
import { appendFile, isDirectory, normalizePath, readFile, writeFile } from './fs.ts';
import { heredocParts } from './words.ts';

type Sink = (text: string) => void;

const discard: Sink = () => {};

/** Apply redirections left to right; returns the new Io, or an exit status when one fails (the message written). */
export function applyRedirects(rt: ClusterRuntime, env: ExpandEnv, redirects: readonly Redirect[], io: Io): Io | number {
  const fds: Record<number, Sink> = { 1: io.out, 2: io.err };
  let stdin = io.stdin;
  let outIsTTY = io.outIsTTY;
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
        const sink = fileSink(rt, target, false, io);
        if (typeof sink === 'number') return sink;
        fds[1] = fds[2] = sink;
      } else {
        io.err(`sh: ${target}: Bad file descriptor\n`);
        return 1;
      }
    } else if (r.op === '<') {
      const content = target === '/dev/null' ? '' : readFile(rt, target);
      if (content === undefined) {
        io.err(`sh: ${target}: ${isDirectory(rt, target) ? 'Is a directory' : 'No such file or directory'}\n`);
        return 1;
      }
      stdin = content;
    } else {
      const sink = fileSink(rt, target, r.op === '>>' || r.op === '&>>', io);
      if (typeof sink === 'number') return sink;
      if (r.fd === -1) fds[1] = fds[2] = sink;
      else fds[r.fd] = sink;
    }
    if (r.fd === 1 || r.fd === -1) outIsTTY = fds[1] === io.out && io.outIsTTY;
  }
  return { stdin, out: fds[1] ?? discard, err: fds[2] ?? discard, outIsTTY };
}

function fileSink(rt: ClusterRuntime, target: string, append: boolean, io: Io): Sink | number {
  if (target === '/dev/null') return discard;
  if (target === '/dev/stdout') return io.out;
  if (target === '/dev/stderr') return io.err;
  if (isDirectory(rt, target) || normalizePath(target) === '') {
    io.err(`sh: ${target}: Is a directory\n`);
    return 1;
  }
  if (!append) writeFile(rt, target, '');
  else appendFile(rt, target, '');
  return (t) => appendFile(rt, target, t);
}
