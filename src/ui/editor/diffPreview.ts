/**
 * Whether a `kubectl diff` result should be shown before applying: only when it changes an object that exists
 * (some live line is removed or replaced). New objects, unchanged objects and errors go straight to apply,
 * which reports them itself.
 */
export function diffToConfirm(r: { diff: string; exitCode: number }): string | undefined {
  if (r.exitCode !== 1) return undefined;
  return /^-(?!--)/m.test(r.diff) ? r.diff : undefined;
}

/** A unified diff's lines with their kind, for colouring. */
export function diffLines(diff: string): Array<{ kind: 'add' | 'del' | 'hunk' | 'head' | 'ctx'; text: string }> {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => ({
      text,
      kind: text.startsWith('diff ') || text.startsWith('---') || text.startsWith('+++') ? 'head' : text.startsWith('@@') ? 'hunk' : text.startsWith('+') ? 'add' : text.startsWith('-') ? 'del' : 'ctx',
    }));
}
