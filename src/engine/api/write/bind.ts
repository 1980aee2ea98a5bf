import { notFound } from '../errors.ts';
import type { ApiServer } from '../server.ts';
import { StatusError, type KubeObject } from '../types.ts';

/**
 * POST pods/NAME/binding, as the scheduler does: sets spec.nodeName and the PodScheduled condition. Fails
 * if the pod is already bound or being deleted.
 */
export function bindPod(api: ApiServer, namespace: string, name: string, nodeName: string, opts: { dryRun?: boolean }): KubeObject {
  const rt = api.resource('pods');
  const old = api.store.get('pods', namespace, name);
  if (!old) throw notFound(rt, name);
  if (old.metadata.deletionTimestamp) {
    throw new StatusError(500, 'InternalError', `Internal error occurred: pod ${name} is being deleted, cannot be assigned to a host`);
  }
  const spec = old.spec as { nodeName?: string } | undefined;
  if (spec?.nodeName) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${spec.nodeName}"`);
  }
  // Only spec.nodeName and the conditions change: the rest is shared with the stored (immutable) version.
  const oldStatus = (old.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
  const conds = (oldStatus.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: api.clock.timestamp() });
  const obj: KubeObject = {
    ...old,
    metadata: { ...old.metadata },
    // Not `{ ...spec, nodeName }`: in Node's V8 that spread gives every pod's spec a map of its own, which makes
    // every later read of a pod's spec (scheduler, kubelets, printers) a megamorphic cache miss.
    spec: Object.assign({}, old.spec, { nodeName }),
    status: { ...oldStatus, conditions: conds },
  };
  if (opts.dryRun) return obj;
  api.store.put('pods', obj);
  return obj;
}
