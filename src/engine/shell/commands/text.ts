/** Helpers shared by the text commands (cat, grep, head, tail, wc). */

/** Split text into lines without their newlines; a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Join lines back, each ending with a newline. */
export function joinLines(lines: string[]): string {
  return lines.map((l) => l + '\n').join('');
}

/** GNU tools' "Try 'X --help' for more information." tail. */
export function tryHelp(cmd: string): string {
  return `Try '${cmd} --help' for more information.\n`;
}
