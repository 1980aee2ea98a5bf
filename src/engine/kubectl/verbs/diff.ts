// `kubectl diff -f FILE`: the live objects against what `kubectl apply` would make of them, shown as
// `diff -u -N LIVE-dir MERGED-dir` shows them (KUBECTL_EXTERNAL_DIFF is not supported). Exit code 0 when
// nothing would change, 1 when something would, 2 on errors (cmdutil.CheckDiffErr).
import type { ClusterRuntime } from '../../runtime.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { formatError, KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { filenameFlags } from '../apply/flags.ts';
import { diffPair, type DiffPair } from '../diff/objects.ts';
import { unifiedDiff } from '../diff/unified.ts';

const runs = new WeakMap<ClusterRuntime, number>();

/** os.MkdirTemp's random suffix, made deterministic (no draw from the cluster's RNG). */
function tempSuffix(rt: ClusterRuntime, salt: number): string {
  const n = (runs.get(rt) ?? 0) + 1;
  runs.set(rt, n);
  let h = (rt.clock.nowUnixMs() ^ (n * 0x9e3779b1) ^ (salt * 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return String((h ^ (h >>> 16)) >>> 0);
}

/** Print the diff of the pairs; returns whether anything differs. */
export function printDiff(ctx: KubectlContext, pairs: DiffPair[]): boolean {
  const liveDir = `/tmp/LIVE-${tempSuffix(ctx.rt, 1)}`;
  const mergedDir = `/tmp/MERGED-${tempSuffix(ctx.rt, 2)}`;
  const now = ctx.rt.clock.nowUnixMs();
  let changed = false;
  const byName = new Map<string, DiffPair>();
  for (const p of pairs) byName.set(p.name, p);
  for (const name of [...byName.keys()].sort()) {
    const p = byName.get(name)!;
    const from = `${liveDir}/${name}`;
    const to = `${mergedDir}/${name}`;
    const d = unifiedDiff({ path: from, text: p.live, mtimeMs: now }, { path: to, text: p.merged, mtimeMs: now });
    if (!d) continue;
    changed = true;
    ctx.out(`diff -u -N ${from} ${to}\n${d}`);
  }
  return changed;
}

function runDiff(ctx: KubectlContext, args: ParsedArgs): number {
  try {
    if (args.bool('server-side')) throw new KubectlError('server-side apply is not available in Kubelab; use client-side kubectl diff');
    const filenames = args.arr('filename');
    if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
    if (args.positional.length > 0) throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl diff -h' for help and examples`);
    const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (errors.length > 0) throw errors[0];
    const pairs = objects.map((m) => diffPair(ctx, m));
    return printDiff(ctx, pairs) ? 1 : 0;
  } catch (e) {
    ctx.err(formatError(e));
    return 2;
  }
}

registerCommand({
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flags: [
    ...filenameFlags,
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'prune-allowlist', type: 'stringArray' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'concurrency', type: 'string', default: '1' },
  ],
  run: runDiff,
});
