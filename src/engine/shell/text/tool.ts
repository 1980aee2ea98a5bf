/**
 * The shape of a text tool shared by the lab shell and the shells inside containers (grep, sort, uniq, seq):
 * argv, stdin, two sinks, and a way to read a named file. Each shell adapts its own filesystem to `read`.
 */
export interface TextToolIo {
  argv: string[];
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** A file's content, `'dir'` for a directory, or undefined when there is no such file. */
  read(path: string): string | 'dir' | undefined;
}

export type TextTool = (io: TextToolIo) => number;

/** GNU tools' "Try 'X --help' for more information." tail. */
export function tryHelpText(cmd: string): string {
  return `Try '${cmd} --help' for more information.\n`;
}

/** Split text into lines without their newlines; a final newline does not start another line. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
