/**
 * Output a terminal can never show. A terminal keeps a bounded number of lines (its screen plus its
 * scrollback, 5,000 lines in the lab); when one write brings more, the lines above them scroll out while it
 * is being parsed, before any frame draws them. `kubectl get pods -A` over 10,000 pods is such a write:
 * parsing the lines that are dropped anyway is half the terminal's work. `visibleTail` cuts them off.
 *
 * The result draws exactly what the whole text draws, provided the part cut off changes no terminal state
 * beyond its own lines: it may hold printable text, tabs and line ends only (no escape sequence, no other
 * control character — a colour, a cursor move or a bell there would carry over), which is what command
 * output almost always is; otherwise the text is returned whole.
 */

// C0 controls other than tab, LF and CR, DEL, and C1 controls (xterm.js acts on them in UTF-16 input).
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const STATEFUL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/**
 * The end of `text` that still shows in a terminal keeping `capacity` lines, when written at any cursor
 * position: its last `capacity` line ends and what follows them. Every line after a line end starts at
 * column 0 (line ends are written as CR LF) and takes at least one row, so those rows alone fill the
 * terminal's buffer and everything written before them — earlier output included — has scrolled out.
 */
export function visibleTail(text: string, capacity: number): string {
  if (!(capacity > 0) || text.length <= capacity) return text;
  let newlines = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) !== 10) continue;
    if (++newlines <= capacity) continue;
    // `text[i]` is the line end before the kept lines: everything up to it is dropped.
    const dropped = text.slice(0, i + 1);
    return STATEFUL.test(dropped) ? text : text.slice(i + 1);
  }
  return text;
}
