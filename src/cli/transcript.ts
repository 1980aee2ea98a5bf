import { needsMoreInput, type Cluster } from '../engine/index.ts';

/**
 * Split a transcript into terminal inputs, the way the lab terminal groups what is typed: a line that leaves
 * a quote, a `$(`, a heredoc, or a trailing `|`, `&&`, `||` or `\` open continues on the next line. Blank
 * lines between commands are dropped (at the prompt they do nothing).
 */
export function splitTranscript(text: string): string[] {
  const inputs: string[] = [];
  let cur: string | undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (cur === undefined) {
      if (line.trim() === '') continue;
      cur = line;
    } else cur += '\n' + line;
    if (!needsMoreInput(cur)) {
      inputs.push(cur);
      cur = undefined;
    }
  }
  if (cur !== undefined) inputs.push(cur);
  return inputs;
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
