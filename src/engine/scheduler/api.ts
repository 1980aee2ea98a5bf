import type { SchedulingAttempt } from './record.ts';

/** Service name under which the scheduler registers itself (`rt.service<SchedulerService>(SCHEDULER_SERVICE)`). */
export const SCHEDULER_SERVICE = 'scheduler';

/** What the rest of the engine (e.g. `lab explain-scheduling`) may ask of the scheduler. */
export interface SchedulerService {
  /** The last scheduling attempt for a pod, if the scheduler still remembers it. */
  lastAttempt(namespace: string, name: string): SchedulingAttempt | undefined;
  /** How many pods wait where: active, backoff, unschedulable, gated. */
  queueStats(): Record<string, number>;
}

export type { SchedulingAttempt, NodeFilterResult, PluginScores, ScoreTable } from './record.ts';
