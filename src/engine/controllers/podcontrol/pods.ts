import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import type { ControllerContext } from '../types.ts';

/** Event reasons of controller_utils.go (FailedCreatePodReason, SuccessfulCreatePodReason, ...). */
export const FailedCreatePodReason = 'FailedCreate';
export const SuccessfulCreatePodReason = 'SuccessfulCreate';
export const FailedDeletePodReason = 'FailedDelete';
export const SuccessfulDeletePodReason = 'SuccessfulDelete';

/** metav1.NewControllerRef: the owner reference a controller puts on what it creates. */
export function newControllerRef(owner: KubeObject): Mut<OwnerReference> {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the owner reference with controller=true, if any. */
export function controllerRefOf(o: KubeObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

type PodLike = Pick<Pod, 'status' | 'spec' | 'metadata'>;

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: PodLike): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(p: PodLike): boolean {
  const conds = p.status?.conditions;
  if (!conds) return false;
  for (const c of conds) if (c.type === 'Ready') return c.status === 'True';
  return false;
}

/** The Ready condition's lastTransitionTime (virtual ms), when the pod is ready. */
export function podReadyTime(p: PodLike, parse: (ts: string) => number): number | undefined {
  for (const c of p.status?.conditions ?? []) {
    if (c.type === 'Ready' && c.status === 'True' && c.lastTransitionTime) return parse(c.lastTransitionTime);
  }
  return undefined;
}

/**
 * podutil.IsPodAvailable: ready, and ready for more than minReadySeconds (strictly, as `Before(now)`).
 * Returns the virtual ms at which a ready-but-not-yet-available pod becomes available in `becomesAt`.
 */
export function podAvailability(p: PodLike, minReadySeconds: number, now: number, parse: (ts: string) => number): { available: boolean; becomesAt?: number } {
  if (!isPodReady(p)) return { available: false };
  if (minReadySeconds <= 0) return { available: true };
  const t = podReadyTime(p, parse);
  if (t === undefined) return { available: false };
  const at = t + minReadySeconds * 1000;
  if (at < now) return { available: true };
  return { available: false, becomesAt: at + 1 };
}

/** getPodsPrefix: `<owner>-` (upstream drops the dash only when the prefix would be an invalid name). */
export function podsPrefix(ownerName: string): string {
  return `${ownerName}-`;
}

/** controller.GetPodFromTemplate: labels, annotations, finalizers and spec from the template; generateName from the owner. */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject): KubeObject {
  const meta = template.metadata ?? {};
  const metadata: KubeObject['metadata'] = { generateName: podsPrefix(owner.metadata.name!) };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [newControllerRef(owner)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: clone(template.spec ?? {}) };
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * RealPodControl.CreatePods: create one pod from the template, recording `SuccessfulCreate` ("Created pod: x")
 * or `FailedCreate` ("Error creating: ...") on the owner. Throws the API error on failure.
 */
export function createPod(ctx: ControllerContext, namespace: string, template: PodTemplateSpec, owner: KubeObject, component: string): KubeObject {
  const pod = podFromTemplate(template, owner);
  pod.metadata.namespace = namespace;
  if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  let created: KubeObject;
  try {
    // The pod was built for this call (podFromTemplate copies what it takes): hand it over uncopied.
    created = ctx.api.create(pod, { owned: true });
  } catch (e) {
    if (!isNamespaceTerminating(e)) ctx.events.warning(owner, FailedCreatePodReason, `Error creating: ${errText(e)}`, { component });
    throw e;
  }
  ctx.events.normal(owner, SuccessfulCreatePodReason, `Created pod: ${created.metadata.name}`, { component });
  return created;
}

/** RealPodControl.DeletePod: delete a pod, recording `SuccessfulDelete` ("Deleted pod: x") or `FailedDelete`. */
export function deletePod(ctx: ControllerContext, namespace: string, name: string, owner: KubeObject, component: string): void {
  try {
    ctx.api.delete('pods', namespace, name);
  } catch (e) {
    if ((e as { reason?: string }).reason === 'NotFound') return;
    ctx.events.warning(owner, FailedDeletePodReason, `Error deleting: ${errText(e)}`, { component });
    throw new Error(`unable to delete pods: ${errText(e)}`);
  }
  ctx.events.normal(owner, SuccessfulDeletePodReason, `Deleted pod: ${name}`, { component });
}

/** The apiserver refuses creates in a terminating namespace with a Forbidden error (NamespaceTerminatingCause). */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof Error && (e as { reason?: string }).reason === 'Forbidden' && e.message.includes('because it is being terminated');
}

/**
 * slowStartBatch: call `fn` `count` times in batches of 1, 2, 4, ... (starting at `initial`), stopping after
 * the first batch that had an error. Returns the number of successes and the first error.
 */
export function slowStartBatch(count: number, initial: number, fn: () => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: unknown;
    let failed = false;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) firstError = e;
        failed = true;
      }
    }
    if (failed) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}
