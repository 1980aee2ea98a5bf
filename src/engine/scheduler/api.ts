import type { SchedulerConfiguration } from './config/defaults.ts';
import type { SchedulingExplanation } from './explain.ts';
import type { SchedulingAttempt } from './record.ts';

/** Service name under which the scheduler registers itself (`rt.service<SchedulerService>(SCHEDULER_SERVICE)`). */
export const SCHEDULER_SERVICE = 'scheduler';

/** What the rest of the engine (e.g. `lab explain-scheduling`) may ask of the scheduler. */
export interface SchedulerService {
  /** The last scheduling attempt for a pod, if the scheduler still remembers it. */
  lastAttempt(namespace: string, name: string): SchedulingAttempt | undefined;
  /** The last attempt as a per-node explanation (filters, scores, the pick). */
  explain(namespace: string, name: string): SchedulingExplanation | undefined;
  /** A node's allocatable and requested CPU (millicores) and memory (bytes), as the scheduler counts them now. */
  nodeResources(node: string): { allocCPU: number; allocMem: number; nonZeroCPU: number; nonZeroMem: number; reqCPU: number; reqMem: number } | undefined;
  /** The node a pod is counted on, if it is bound. */
  podOnNode(uid: string): string | undefined;
  /** The effective KubeSchedulerConfiguration (defaults applied). */
  config(): SchedulerConfiguration;
  /** Validate and run a new configuration; throws ConfigError (kube-scheduler's messages) and changes nothing when invalid. */
  applyConfig(cfg: SchedulerConfiguration): void;
  /** How many pods wait where: active, backoff, unschedulable, gated. */
  queueStats(): Record<string, number>;
}

export type { SchedulingAttempt, NodeFilterResult, PluginScores, ScoreTable } from './record.ts';
export type { SchedulingExplanation, NodeExplanation, FilterVerdict, ScoreContribution } from './explain.ts';
export type { SchedulerConfiguration } from './config/defaults.ts';
export { ConfigError } from './config/resolve.ts';
