// Real kubectl computes some ages on its own clock (describe's event and pod ages, `kubectl wait` timeouts),
// so a served cluster's virtual time must track the wall clock: it starts at "now minus the bootstrap" and then
// advances with the wall clock × speed.
import { createCluster, type Cluster, type ClusterOptions } from '../engine/index.ts';

/**
 * A cluster whose bootstrap ends at the current wall-clock instant. Bootstrap takes a deterministic amount of
 * virtual time for given options, measured on a throwaway cluster first.
 */
export function createServedCluster(options: ClusterOptions = {}): Cluster {
  const probe = createCluster(options);
  const bootMs = probe.runUntilIdle();
  const start = Date.now() - bootMs;
  const cluster = createCluster({ ...options, startTime: new Date(start - (start % 1000)).toISOString() });
  cluster.runUntilIdle();
  return cluster;
}

/** Move virtual time forward to the wall clock (never backwards). */
export function syncToWallClock(cluster: Cluster): void {
  const behind = Date.now() - cluster.runtime.clock.nowUnixMs();
  if (behind > 0) cluster.advance(behind);
}

/**
 * Wait until the wall clock has caught up with virtual time, then line the two up. Commands that wait
 * (`kubectl apply` settling, `rollout status`) can run virtual time ahead of the wall clock; ages a real client
 * computes on its own clock are only comparable once the wall clock has passed that instant.
 */
export async function alignWithWallClock(cluster: Cluster): Promise<void> {
  const ahead = cluster.runtime.clock.nowUnixMs() - Date.now();
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead + 5));
  syncToWallClock(cluster);
}
