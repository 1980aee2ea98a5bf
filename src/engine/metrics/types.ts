/**
 * The resource metrics API (metrics.k8s.io/v1beta1) as the simulated metrics-server serves it. Usage is kept
 * as numbers (CPU in millicores, memory in bytes); `podMetricsObject` / `nodeMetricsObject` render the API
 * objects upstream serves (CPU in nanocores, memory in Ki).
 */
export interface ContainerUsage {
  name: string;
  /** CPU in millicores (fractional). */
  cpu: number;
  /** Working-set memory in bytes. */
  memory: number;
}

export interface PodMetrics {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** Virtual ms of the scrape the sample comes from. */
  timestampMs: number;
  windowMs: number;
  containers: ContainerUsage[];
}

export interface NodeMetrics {
  name: string;
  labels: Record<string, string>;
  timestampMs: number;
  windowMs: number;
  cpu: number;
  memory: number;
}

/** What kubectl top and the HPA controller's resource metrics client read. */
export interface MetricsApi {
  /** False until the first scrape completed (the APIService is not Available before that). */
  available(): boolean;
  /** Pod metrics of a namespace (all namespaces when undefined), sorted by namespace then name. */
  listPods(namespace?: string): PodMetrics[];
  getPod(namespace: string, name: string): PodMetrics | undefined;
  listNodes(): NodeMetrics[];
  getNode(name: string): NodeMetrics | undefined;
}

export const METRICS_SERVICE = 'metrics-server';

/** metrics-server's --metric-resolution default. */
export const SCRAPE_INTERVAL_MS = 15_000;

/** A load knob on one workload: a total to spread over its ready pods. */
export interface LoadKnob {
  namespace: string;
  /** The workload, e.g. `deployment.apps/web`. */
  ref: string;
  /** Store plural and name of the workload. */
  resource: string;
  name: string;
  /** Total CPU in millicores across the ready pods. */
  cpu?: number;
  /** Total extra memory in bytes across the ready pods. */
  memory?: number;
}

export interface LoadApi {
  set(knob: LoadKnob): void;
  clear(namespace: string, resource: string, name: string): boolean;
  all(): LoadKnob[];
}

export const LOAD_SERVICE = 'load';

/** CPU usage as metrics-server serves it: whole nanocores. */
export function cpuNanos(millicores: number): number {
  return Math.round(millicores * 1e6);
}

/** Quantity.MilliValue() of a CPU usage (nanocores rounded up to millicores). */
export function cpuMilliValue(millicores: number): number {
  return Math.ceil(cpuNanos(millicores) / 1e6);
}
