/**
 * `npm run fuzz`: a long property campaign. Random sequences of terminal inputs (valid and malformed
 * commands and manifests) run against fresh clusters; after every input it checks that no exception escaped,
 * that a rejected single-object input changed nothing, and that the cluster invariants hold.
 * Usage: npm run fuzz [-- --inputs 100000 --seed 42]
 */
import fc from 'fast-check';
import { commandArb } from './commands.ts';
import { freshCluster, step } from './check.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const totalInputs = opt('inputs', 100_000);
const seed = opt('seed', 42);
const perCluster = opt('sequence', 50);

let inputs = 0;
let exceptions = 0;
let violations = 0;
let halfApplied = 0;
const samples: string[] = [];
const started = Date.now();
let clusterSeed = seed;

while (inputs < totalInputs) {
  const n = Math.min(perCluster, totalInputs - inputs);
  const seq = fc.sample(fc.array(commandArb, { minLength: n, maxLength: n }), { seed: clusterSeed, numRuns: 1 })[0];
  const c = freshCluster(clusterSeed);
  clusterSeed++;
  for (const cmd of seq) {
    inputs++;
    const r = step(c, cmd);
    exceptions += r.exceptions.length;
    violations += r.violations.length;
    if (r.halfApplied) halfApplied++;
    for (const e of r.exceptions) if (samples.length < 10) samples.push(`exception after ${JSON.stringify(cmd.line.slice(0, 120))}: ${e.split('\n').slice(0, 3).join(' | ')}`);
    for (const v of r.violations) if (samples.length < 10) samples.push(`violation (${v.invariant}) after ${JSON.stringify(cmd.line.slice(0, 120))}: ${v.detail}`);
    if (r.halfApplied && samples.length < 10) samples.push(`half-applied: ${r.halfApplied}`);
    if (r.violations.length > 0) break; // A broken cluster would report the same violation forever.
  }
  if (inputs % 5000 < perCluster) process.stderr.write(`  ${inputs} inputs...\n`);
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`fuzz: ${inputs} inputs in ${secs} s (seed ${seed}): ${exceptions} exceptions, ${violations} invariant violations, ${halfApplied} half-applied rejections`);
for (const s of samples) console.log(`  ${s}`);
process.exitCode = exceptions + violations + halfApplied > 0 ? 1 : 0;
