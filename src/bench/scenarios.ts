import { createCluster } from '../engine/index.ts';

export interface BenchResult {
  virtualMs: number;
  note: string;
  /** Holds the cluster until the heap is measured. */
  keepAlive?: unknown;
}

export interface Scenario {
  name: string;
  run(): BenchResult;
}

function readyReplicas(c: ReturnType<typeof createCluster>, name: string): number {
  const d = c.runtime.store.get('deployments', 'default', name);
  return ((d?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0) as number;
}

/** Create a Deployment and step virtual time until every replica is Ready (or a virtual-time bound passes). */
function deploymentToReady(nodes: number, replicas: number): BenchResult {
  const c = createCluster({ nodes, seed: 7 });
  const start = c.now();
  const r = c.run(`kubectl create deployment web --image=nginx:1.14 --replicas=${replicas}`);
  if (r.exitCode !== 0) return { virtualMs: 0, note: `create failed: ${r.stderr.trim()}` };
  let ready = 0;
  while (c.now() - start < 600_000) {
    c.advance(1000);
    ready = readyReplicas(c, 'web');
    if (ready >= replicas) break;
  }
  const pods = c.runtime.store.count('pods', 'default');
  return { virtualMs: c.now() - start, note: `${ready}/${replicas} ready, ${pods} pods`, keepAlive: c };
}

export const scenarios: Scenario[] = [
  { name: 'deployment 3,000 replicas on 100 nodes → Ready', run: () => deploymentToReady(100, 3000) },
  { name: 'deployment 100 replicas on 3 nodes → Ready', run: () => deploymentToReady(3, 100) },
];
