/**
 * `diff -u -N` (GNU diffutils) of two texts: a minimal line edit script, changes printed as the deleted lines
 * then the added ones, three lines of context, hunks closer than seven lines joined.
 */

export interface DiffFile {
  path: string;
  /** File text, or undefined for a missing file (`-N`: empty, dated at the epoch). */
  text: string | undefined;
  /** Modification time, Unix milliseconds. */
  mtimeMs: number;
}

type Op = { t: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script by longest common subsequence, deletions before insertions within a change. */
function editScript(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  // lcs[i][j]: LCS length of A[i..] and B[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = A[i] === B[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = a.slice(0, pre).map((line) => ({ t: ' ' as const, line }));
  let i = 0;
  let j = 0;
  let dels: Op[] = [];
  let adds: Op[] = [];
  const flush = () => {
    ops.push(...dels, ...adds);
    dels = [];
    adds = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      flush();
      ops.push({ t: ' ', line: A[i] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) dels.push({ t: '-', line: A[i++] });
    else adds.push({ t: '+', line: B[j++] });
  }
  flush();
  for (const line of a.slice(a.length - suf)) ops.push({ t: ' ', line });
  return ops;
}

/** A hunk range: `start,count`, `start` alone for one line, the line before for an empty range. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-23 15:04:05.000000000 +0000`, as diff prints file times (UTC). */
export function diffTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

/** The unified diff of two files (empty when equal), without the leading `diff ...` command line. */
export function unifiedDiff(from: DiffFile, to: DiffFile, context = 3): string {
  const a = splitLines(from.text ?? '');
  const b = splitLines(to.text ?? '');
  const ops = editScript(a, b);
  if (!ops.some((o) => o.t !== ' ')) return '';
  let out = `--- ${from.path}\t${diffTime(from.text === undefined ? 0 : from.mtimeMs)}\n`;
  out += `+++ ${to.path}\t${diffTime(to.text === undefined ? 0 : to.mtimeMs)}\n`;
  // Hunks: runs of changes with `context` lines around, joined when the gap is at most 2*context.
  const changed = ops.map((o, k) => (o.t !== ' ' ? k : -1)).filter((k) => k >= 0);
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const lo = Math.max(0, k - context);
    const hi = Math.min(ops.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else hunks.push([lo, hi]);
  }
  // Line numbers at each op index.
  const aAt: number[] = [];
  const bAt: number[] = [];
  let ai = 1;
  let bi = 1;
  for (const o of ops) {
    aAt.push(ai);
    bAt.push(bi);
    if (o.t !== '+') ai++;
    if (o.t !== '-') bi++;
  }
  for (const [lo, hi] of hunks) {
    const slice = ops.slice(lo, hi + 1);
    const ac = slice.filter((o) => o.t !== '+').length;
    const bc = slice.filter((o) => o.t !== '-').length;
    out += `@@ -${range(aAt[lo], ac)} +${range(bAt[lo], bc)} @@\n`;
    for (const o of slice) out += `${o.t}${o.line}\n`;
  }
  return out;
}
