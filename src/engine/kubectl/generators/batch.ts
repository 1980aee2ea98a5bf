import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { objectMeta, sortedMap } from './meta.ts';

/** The single container `create job` / `create cronjob` put in the pod template (Go field order). */
function podTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image };
  if (command.length > 0) c.command = [...command];
  c.resources = {};
  return { metadata: { creationTimestamp: null }, spec: { containers: [c], restartPolicy } };
}

/** `kubectl create job NAME --image=...` (create_job.go createJob). */
export function buildJob(name: string, namespace: string | undefined, image: string, command: string[]): KubeObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: objectMeta(name, namespace),
    spec: { template: podTemplate(name, image, command, 'Never') },
    status: {},
  } as unknown as KubeObject;
}

/** `kubectl create cronjob NAME --image=... --schedule=...` (create_cronjob.go createCronJob). */
export function buildCronJob(name: string, namespace: string | undefined, image: string, schedule: string, restart: string, command: string[]): KubeObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: objectMeta(name, namespace),
    spec: {
      schedule,
      jobTemplate: { metadata: objectMeta(name, undefined), spec: { template: podTemplate(name, image, command, restart) } },
    },
    status: {},
  } as unknown as KubeObject;
}

/**
 * `kubectl create job NAME --from=cronjob/CRON` (createJobFromCronJob): the CronJob's job template with the
 * `cronjob.kubernetes.io/instantiate: manual` annotation and a controller reference (without
 * blockOwnerDeletion) to the CronJob.
 */
export function buildJobFromCronJob(name: string, namespace: string | undefined, cj: KubeObject): KubeObject {
  const jt = ((cj.spec as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } | undefined)?.jobTemplate ?? {});
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) };
  const metadata = objectMeta(name, namespace, jt.metadata?.labels, sortedMap(annotations)) as Record<string, unknown>;
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: clone(jt.spec ?? {}), status: {} } as unknown as KubeObject;
}
