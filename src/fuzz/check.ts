import { createCluster, type Cluster } from '../engine/index.ts';
import type { GenCommand } from './commands.ts';
import { checkInvariants, type Violation } from './invariants.ts';

export interface StepReport {
  exceptions: string[];
  violations: Violation[];
  /** An atomic command failed yet changed the cluster. */
  halfApplied?: string;
}

/** Run one generated command against `c` and check everything that must hold afterwards. */
export function step(c: Cluster, cmd: GenCommand): StepReport {
  const rt = c.runtime;
  const internalBefore = rt.internalErrors.length;
  const controllerBefore = rt.controllers.errors.length;
  const revBefore = rt.store.currentRevision();
  const snapshotBefore = cmd.atomic ? JSON.stringify(rt.store.snapshot().data) : '';
  let result;
  try {
    result = c.run(cmd.line);
  } catch (e) {
    return { exceptions: [`run threw: ${e instanceof Error ? e.stack : String(e)}`], violations: [] };
  }
  const exceptions = [
    ...rt.internalErrors.slice(internalBefore),
    ...rt.controllers.errors.slice(controllerBefore).map((e) => `${e.controller} ${e.key}: ${e.error}`),
  ];
  const report: StepReport = { exceptions, violations: checkInvariants(c) };
  if (cmd.atomic && result.exitCode !== 0 && rt.store.currentRevision() !== revBefore) {
    const after = JSON.stringify(rt.store.snapshot().data);
    if (after !== snapshotBefore) report.halfApplied = `${cmd.line.split('\n')[0]} → exit ${result.exitCode}: ${result.stderr.trim().slice(0, 200)}`;
  }
  return report;
}

export function freshCluster(seed: number): Cluster {
  return createCluster({ seed, nodes: 2 });
}
