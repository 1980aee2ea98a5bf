import type { Controller } from '../controllers/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { LoadKnobs } from './load.ts';
import { MetricsServer } from './server.ts';
import { LOAD_SERVICE, METRICS_SERVICE } from './types.ts';

export { METRICS_SERVICE, LOAD_SERVICE, SCRAPE_INTERVAL_MS } from './types.ts';
export type { MetricsApi, LoadApi, PodMetrics, NodeMetrics, ContainerUsage, LoadKnob } from './types.ts';

/**
 * The metrics pipeline: simulated container usage, the lab's load knobs and metrics-server (serving
 * metrics.k8s.io/v1beta1 to `kubectl top` and the HPA controller). Started with the core controllers; it
 * watches nothing: its work runs on its own background scrape timer.
 */
export function metricsPipeline(rt: ClusterRuntime): Controller {
  const load = new LoadKnobs();
  const server = new MetricsServer(rt, load);
  rt.services.set(LOAD_SERVICE, load);
  rt.services.set(METRICS_SERVICE, server);
  server.start();
  return { name: 'metrics-server', watches: [], reconcile: () => {} };
}
