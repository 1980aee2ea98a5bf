import type { Cluster } from '../engine/index.ts';
import { splitInputs } from '../engine/lessons/index.ts';

/**
 * Split a transcript into terminal inputs, the way the lab terminal groups what is typed (the lessons' solution
 * blocks use the same `splitInputs`): a line that leaves a quote, a `$(`, a heredoc, or a trailing `|`, `&&`,
 * `||` or `\` open continues on the next line. Blank lines between commands are dropped (at the prompt they do
 * nothing).
 */
export function splitTranscript(text: string): string[] {
  // A transcript's final newline ends its last line; it does not start another one.
  return splitInputs(text.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
}

/**
 * Run a transcript against `cluster` and write what the terminal would show: each input after a `$ `
 * prompt (continuation lines, such as heredoc bodies, as written), then its output with stdout and stderr
 * interleaved in the order they were written.
 */
export function runTranscript(cluster: Cluster, text: string, write: (s: string) => void): void {
  for (const input of splitTranscript(text)) {
    write(`$ ${input}\n`);
    cluster.run(input, (_stream, chunk) => write(chunk));
  }
}
