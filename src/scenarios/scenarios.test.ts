import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from '../cli/transcript.ts';
import { createCluster } from '../engine/index.ts';

/**
 * Scenario transcripts: each `NAME.txt` here is typed into a fresh lab (seed 1), exactly as
 * `npx kubelab run NAME.txt` does, and the output must equal `NAME.out`. The expected outputs were
 * reviewed line by line against what kubectl 1.32 prints for the same cluster state. Regenerate after
 * an intended change with `UPDATE_SCENARIOS=1 npx vitest run src/scenarios` and review the diff.
 */
const dir = new URL('.', import.meta.url).pathname;
const transcripts = readdirSync(dir).filter((f) => f.endsWith('.txt'));

function play(text: string, seed = 1): string {
  const cluster = createCluster({ seed });
  let out = '';
  runTranscript(cluster, text, (s) => (out += s));
  expect(cluster.runtime.internalErrors).toEqual([]);
  expect(cluster.runtime.controllers.errors).toEqual([]);
  return out;
}

describe('scenario transcripts', () => {
  for (const file of transcripts) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const got = play(text);
      const golden = join(dir, file.replace(/\.txt$/, '.out'));
      if (process.env.UPDATE_SCENARIOS || !existsSync(golden)) writeFileSync(golden, got);
      expect(got).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

describe('determinism', () => {
  it('the same seed and inputs give byte-identical output and state', () => {
    const text = readFileSync(join(dir, transcripts[0]), 'utf8');
    const a = createCluster({ seed: 99 });
    const b = createCluster({ seed: 99 });
    let outA = '';
    let outB = '';
    runTranscript(a, text, (s) => (outA += s));
    runTranscript(b, text, (s) => (outB += s));
    expect(outA).toBe(outB);
    expect(JSON.stringify(a.runtime.store.snapshot())).toBe(JSON.stringify(b.runtime.store.snapshot()));
  });
});
