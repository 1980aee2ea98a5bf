import type { Job } from 'kubernetes-types/batch/v1';
import { humanDuration } from '../../util/duration.ts';
import { age, containerCells, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';

function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** printJob's STATUS (1.32): the first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet, else Running. */
export function jobStatusText(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

registerTableHandler({
  kind: 'Job',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Status' },
    { name: 'Completions' },
    { name: 'Duration' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row: (o, ctx) => {
    const job = o as unknown as Job;
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions != null) completions = `${succeeded}/${job.spec.completions}`;
    else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    let duration = '';
    const start = job.status?.startTime;
    const done = job.status?.completionTime;
    if (start && !done) duration = humanDuration(ctx.nowMs - Date.parse(start));
    else if (start && done) duration = humanDuration(Date.parse(done) - Date.parse(start));
    const cells = [job.metadata?.name ?? '', jobStatusText(job), completions, duration, age(job.metadata?.creationTimestamp, ctx)];
    if (ctx.wide) {
      const [names, images] = containerCells(job.spec?.template?.spec?.containers);
      cells.push(names, images, formatLabelSelector(job.spec?.selector));
    }
    return cells;
  },
});
