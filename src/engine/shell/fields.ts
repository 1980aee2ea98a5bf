import type { WordPart } from './ast.ts';

/**
 * Field splitting (POSIX XCU 2.6.5) shared by the lab's shell and the `sh` inside containers: given a word's
 * parts and the text each expanded to, the fields it makes. The results of unquoted `$var` and `$(...)` split
 * on blanks and newlines (the default IFS); everything else joins the field it stands in. A quoted empty
 * string still makes a field (`""`), an unquoted empty expansion does not.
 */
export function splitFields(parts: readonly WordPart[], values: readonly string[]): string[] {
  const fields: string[] = [];
  let cur = '';
  let started = false;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    const value = values[k];
    if ((p.kind === 'var' || p.kind === 'cmd') && !p.quoted) {
      const pieces = value.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0 && started) {
          fields.push(cur);
          cur = '';
          started = false;
        }
        if (pieces[i]) {
          cur += pieces[i];
          started = true;
        }
      }
    } else {
      cur += value;
      started = started || value !== '' || (p.kind === 'lit' && p.quoted);
    }
  }
  if (started) fields.push(cur);
  return fields;
}
