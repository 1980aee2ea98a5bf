import { createInterface } from 'node:readline';
import { needsMoreInput, type Cluster } from '../engine/index.ts';

/**
 * An interactive lab shell on a real terminal: the shell's prompt (`$ `, `root@NODE:/# ` after `ssh NODE`),
 * `> ` while a command is unfinished, readline's line editing and history. Between commands, virtual time
 * follows the wall clock times `speed`, as the lab page does at that speed. Resolves with the exit code when the input ends or `exit` is typed.
 */
export function startRepl(cluster: Cluster, speed: number): Promise<number> {
  const tty = process.stdout.isTTY === true;
  const red = (t: string) => (tty ? `\x1b[31m${t}\x1b[0m` : t);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: cluster.prompt(), terminal: process.stdin.isTTY === true });
  let pending: string | undefined;
  let last = Date.now();
  let status = 0;
  return new Promise((resolve) => {
    let closed = false;
    rl.on('line', (line) => {
      // Piped input may still deliver lines already read after `exit` closed the interface.
      if (closed) return;
      const input = pending === undefined ? line : `${pending}\n${line}`;
      if (needsMoreInput(input)) {
        pending = input;
        rl.setPrompt('> ');
        rl.prompt();
        return;
      }
      pending = undefined;
      // Inside `ssh NODE`, `exit` logs out of the node (the shell handles it); only at the lab's own prompt
      // does it leave the REPL.
      const inNode = cluster.prompt() !== '$ ';
      if (!inNode && /^\s*exit(\s+\d+)?\s*$/.test(input)) {
        status = Number(input.trim().split(/\s+/)[1] ?? status);
        closed = true;
        rl.close();
        return;
      }
      const now = Date.now();
      if (speed > 0) cluster.advance(Math.round((now - last) * speed));
      last = now;
      const r = cluster.run(input, (stream, chunk) => (stream === 'stdout' ? process.stdout.write(chunk) : process.stderr.write(red(chunk))));
      status = r.exitCode;
      rl.setPrompt(cluster.prompt());
      rl.prompt();
    });
    rl.on('SIGINT', () => {
      pending = undefined;
      process.stdout.write('^C\n');
      rl.setPrompt(cluster.prompt());
      rl.prompt();
    });
    rl.on('close', () => resolve(status));
    rl.prompt();
  });
}
