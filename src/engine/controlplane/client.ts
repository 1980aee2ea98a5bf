import type { ParsedArgs } from '../kubectl/flags.ts';
import type { ClusterRuntime } from '../runtime.ts';

/** Where kubectl's kubeconfig points (kind: the API port published on the host). */
const SERVER = '127.0.0.1:6443';
const REFUSED = `The connection to the server ${SERVER} was refused - did you specify the right host or port?\n`;

/**
 * How many times kubectl 1.32's discovery client logs the failed API group list before giving up, per
 * command (measured against a closed port); commands not listed log it five times.
 */
const DISCOVERY_RETRIES: Record<string, number> = {
  run: 1,
  'api-resources': 1,
  explain: 2,
  exec: 4,
  logs: 4,
  attach: 4,
  'port-forward': 4,
  rollout: 4,
  top: 0,
  version: 0,
};

/** Commands that never contact the server. */
const LOCAL = new Set(['config', 'completion', 'help', 'kustomize', 'plugin', 'alpha']);

/** Process ids of the simulated kubectl runs, per cluster (each run is a new process). */
const pids = new WeakMap<ClusterRuntime, number>();

/** klog's header: `E1123 14:02:49.733505   24572 memcache.go:265] `. */
function klogLine(rt: ClusterRuntime, n: number, p: number): string {
  const iso = new Date(rt.clock.epochMs + rt.clock.now()).toISOString();
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${String(Number(iso.slice(20, 23)) * 1000 + n * 1337).padStart(6, '0')}`;
  return (
    `E${stamp} ${String(p).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: ` +
    `Get \\"https://${SERVER}/api?timeout=32s\\": dial tcp ${SERVER}: connect: connection refused"\n`
  );
}

/**
 * The gate kubectl passes before running a command: while the API cannot serve (no apiserver runs, or etcd
 * has lost quorum) it prints what kubectl 1.32 prints and returns the exit code; otherwise undefined.
 */
export function kubectlGate(rt: ClusterRuntime, path: string, args: ParsedArgs, io: { out(t: string): void; err(t: string): void }): number | undefined {
  const why = rt.api.unavailable?.();
  if (!why) return undefined;
  const words = path.split(' ');
  const verb = words[1] ?? '';
  if (LOCAL.has(verb)) return undefined;
  if (verb === 'version' && args.bool('client')) return undefined;
  const dryRunClient = args.has('dry-run') && args.str('dry-run') === 'client';
  if ((verb === 'create' && words.length > 2 && dryRunClient) || (verb === 'run' && dryRunClient)) return undefined;
  if (why === 'etcd-timeout') {
    if (verb === 'version') return undefined;
    io.err('Error from server: etcdserver: request timed out\n');
    return 1;
  }
  const p = (pids.get(rt) ?? 24_571) + 1;
  pids.set(rt, p);
  const files = args.has('filename') ? args.arr('filename') : [];
  if ((verb === 'apply' || verb === 'create' || verb === 'replace') && files.length > 0 && args.str('validate') !== 'false') {
    const f = files[0] === '-' ? 'STDIN' : files[0];
    io.err(
      `error: error validating "${f}": error validating data: failed to download openapi: Get "https://${SERVER}/openapi/v2?timeout=32s": ` +
        `dial tcp ${SERVER}: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n`,
    );
    return 1;
  }
  const n = DISCOVERY_RETRIES[verb] ?? 5;
  for (let i = 0; i < n; i++) io.err(klogLine(rt, i, p));
  if (verb === 'version') io.out('Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
  if (verb === 'api-resources') io.out('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n');
  if (verb === 'cluster-info') io.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  io.err(REFUSED);
  return 1;
}
