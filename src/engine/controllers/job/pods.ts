/** Pod helpers of the Job controller (pkg/controller/job: isPodFailed, getFinishedTime, indexes, pod creation). */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { JobCompletionIndexAnnotation, JobTrackingFinalizer, type JobSpecLike } from '../../api/kinds/job.ts';
import { clone } from '../../store/store.ts';
import { podFromTemplate } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';

export const component = 'job-controller';

export function phaseOf(p: KubeObject): string | undefined {
  return (p.status as { phase?: string } | undefined)?.phase;
}

export function hasTrackingFinalizer(p: KubeObject): boolean {
  return (p.metadata.finalizers ?? []).includes(JobTrackingFinalizer);
}

/** Pods the controller counts in `terminating`: being deleted and not yet in a terminal phase. */
export function isPodTerminating(p: KubeObject): boolean {
  const ph = phaseOf(p);
  return !!p.metadata.deletionTimestamp && ph !== 'Succeeded' && ph !== 'Failed';
}

/**
 * isPodFailed: Failed, or (with podReplacementPolicy TerminatingOrFailed and no podFailurePolicy) being
 * deleted before succeeding — orphaned and evicted pods never reach Failed otherwise.
 */
export function isPodFailed(p: KubeObject, spec: JobSpecLike): boolean {
  const ph = phaseOf(p);
  if (ph === 'Failed') return true;
  if (spec.podFailurePolicy || spec.podReplacementPolicy === 'Failed') return false;
  return !!p.metadata.deletionTimestamp && ph !== 'Succeeded';
}

/** getFinishedTime: the latest container finishedAt, else the deletion time, else now (virtual ms). */
export function finishedTime(p: KubeObject, ctx: ControllerContext): number {
  const st = (p as unknown as Pod).status;
  let latest: number | undefined;
  for (const cs of [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])]) {
    const f = cs.state?.terminated?.finishedAt;
    if (f) {
      const t = ctx.clock.parse(f);
      if (latest === undefined || t > latest) latest = t;
    }
  }
  if (latest !== undefined) return latest;
  if (p.metadata.deletionTimestamp) return ctx.clock.parse(p.metadata.deletionTimestamp);
  return ctx.clock.now();
}

/** getCompletionIndex: the pod's completion index annotation, or -1. */
export function completionIndex(p: KubeObject): number {
  const v = p.metadata.annotations?.[JobCompletionIndexAnnotation];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** Restarts of the containers of running and pending pods (pastBackoffLimitOnFailure). */
export function restartCount(p: KubeObject): number {
  const ph = phaseOf(p);
  if (ph !== 'Running' && ph !== 'Pending') return 0;
  const st = (p as unknown as Pod).status;
  let n = 0;
  for (const cs of [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])]) n += cs.restartCount ?? 0;
  return n;
}

/**
 * The pod a Job creates: its template with the tracking finalizer, `<job>-` generateName, and for Indexed
 * Jobs the completion index (annotation, label, JOB_COMPLETION_INDEX) and the `<job>-<index>` hostname.
 */
export function newJobPod(job: KubeObject, index: number | undefined): KubeObject {
  const spec = job.spec as JobSpecLike;
  const template = clone(spec.template ?? {}) as Mut<PodTemplateSpec>;
  const pod = podFromTemplate(template as PodTemplateSpec, job);
  const meta = pod.metadata;
  meta.namespace = job.metadata.namespace;
  meta.finalizers = [...(meta.finalizers ?? []), JobTrackingFinalizer];
  if (index !== undefined) {
    const ix = String(index);
    meta.generateName = `${job.metadata.name}-${ix}-`;
    meta.annotations = { ...(meta.annotations ?? {}), [JobCompletionIndexAnnotation]: ix };
    meta.labels = { ...(meta.labels ?? {}), [JobCompletionIndexAnnotation]: ix };
    const podSpec = pod.spec as { hostname?: string; containers?: Array<{ env?: unknown[] }>; initContainers?: Array<{ env?: unknown[] }> };
    if (!podSpec.hostname) podSpec.hostname = `${job.metadata.name}-${ix}`;
    for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
      c.env = [
        ...(c.env ?? []),
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${JobCompletionIndexAnnotation}']` } } },
      ];
    }
  }
  return pod;
}
