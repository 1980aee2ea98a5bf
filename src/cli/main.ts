import { readFileSync } from 'node:fs';
import { createCluster } from '../engine/index.ts';

/** `kubelab run FILE|-` (placeholder: runs each line; the transcript runner replaces this). */
export async function main(argv: string[]): Promise<number> {
  const [verb, file] = argv;
  if (verb !== 'run' || !file) {
    process.stderr.write('usage: kubelab run FILE|- [--seed N]\n');
    return 2;
  }
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  const cluster = createCluster();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = cluster.run(line);
    process.stdout.write(`$ ${line}\n${r.stdout}${r.stderr}`);
  }
  return 0;
}
