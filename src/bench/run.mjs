#!/usr/bin/env node
// `npm run bench [-- <scenario filter>] [--source]`.
//
// The lab runs its engine in the browser as compiled JavaScript (the worker bundle `npm run build` writes:
// TypeScript stripped, ES2022, functions left as written). So the bench compiles the engine the same way
// with esbuild and runs that. `--source` runs the TypeScript sources under tsx instead, as tests do; tsx
// compiles with esbuild's keepNames, which wraps every function in a renaming call each time one is created
// (a closure per timer, per callback...), costing the engine about a third more time than what ships.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const source = args.includes('--source');
const rest = args.filter((a) => a !== '--source');
const env = { ...process.env, KUBELAB_BENCH_SRC: here, KUBELAB_BENCH_BUILD: source ? 'tsx (TypeScript sources, keepNames)' : 'compiled as shipped (esbuild, ES2022)' };

let entry = join(here, 'main.ts');
const node = ['--expose-gc'];
if (source) node.push('--import', 'tsx');
else {
  const { build } = await import('esbuild');
  // Inside node_modules so that the bundle's own imports of packages resolve from the project.
  const outfile = join(root, 'node_modules', '.cache', 'kubelab-bench', 'main.mjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  entry = outfile;
}
const r = spawnSync(process.execPath, [...node, entry, ...rest], { stdio: 'inherit', env, cwd: root });
process.exit(r.status ?? 1);
