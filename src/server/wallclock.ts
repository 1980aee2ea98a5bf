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
