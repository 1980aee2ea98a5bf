/**
 * `npm run bench`: wall-clock figures for the engine, run with virtual time as fast as possible.
 * Prints one line per scenario: wall ms, CPU ms, virtual ms covered, heap MB. A scenario that builds its
 * cluster first is timed from its action on (the setup is printed apart). Not a test: it never fails on a number;
 * closing notes and the README quote what it prints. Started by run.mjs, which compiles it the way the lab ships
 * the engine (or, with `--source`, runs it from the TypeScript sources under tsx).
 */
import { performance } from 'node:perf_hooks';
import { scenarios } from './scenarios.ts';

function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const only = process.argv[2];
const rows: string[] = [];
// run.mjs says how the engine was compiled for this run (direct `node --import tsx` runs: from source).
console.log(`engine: ${process.env.KUBELAB_BENCH_BUILD ?? 'tsx (TypeScript sources, keepNames)'}`);
for (const s of scenarios) {
  if (only ? !s.name.includes(only) : s.optIn) continue;
  const before = heapMB();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = s.run();
  const cpu = process.cpuUsage(c0);
  // A scenario may build its world first (a cluster of 100 nodes) and measure from its action on.
  const wall = performance.now() - t0 - (result.setup?.wallMs ?? 0);
  // CPU time of this process (all threads, GC included): steadier than wall time on a shared machine.
  const cpuMs = (cpu.user + cpu.system) / 1000 - (result.setup?.cpuMs ?? 0);
  const heap = heapMB();
  const setup = result.setup ? `   (setup ${result.setup.wallMs.toFixed(0)} ms wall, ${result.setup.cpuMs.toFixed(0)} ms cpu, not counted)` : '';
  const line = `${s.name.padEnd(48)} wall ${wall.toFixed(0).padStart(6)} ms   cpu ${cpuMs.toFixed(0).padStart(6)} ms   virtual ${(result.virtualMs / 1000).toFixed(1).padStart(7)} s   heap ${heap.toFixed(0).padStart(4)} MB (+${(heap - before).toFixed(0)})   ${result.note}${setup}`;
  rows.push(line);
  console.log(line);
  result.keepAlive = undefined;
}
if (rows.length === 0) console.log(`no scenario matches "${only}"`);
