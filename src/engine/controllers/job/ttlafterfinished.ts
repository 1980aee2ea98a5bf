/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `ttlSecondsAfterFinished` is deleted (foreground, with a uid precondition) that long after it finished.
 */
import type { KubeObject } from '../../api/types.ts';
import type { JobSpecLike } from '../../api/kinds/job.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { keyOf, selfKey, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { findCondition, finishedConditionType, statusOf } from './conditions.ts';

/** jobFinishTime: the transition time of the Complete or Failed condition (virtual ms). */
function finishTime(job: KubeObject, ctx: ControllerContext): number | undefined {
  const type = finishedConditionType(job);
  if (!type) return undefined;
  const ts = findCondition(statusOf(job).conditions, type)?.lastTransitionTime;
  return ts ? ctx.clock.parse(ts) : undefined;
}

export function ttlAfterFinishedController(_rt: ClusterRuntime): Controller {
  return {
    name: 'ttl-after-finished',
    watches: [{ resource: 'jobs', keys: selfKey }],
    start(ctx, enqueue) {
      for (const j of ctx.store.list('jobs')) enqueue(keyOf(j.metadata.namespace, j.metadata.name!));
    },
    reconcile(key, ctx) {
      const [ns, name] = splitKey(key);
      const job = ctx.store.get('jobs', ns, name);
      if (!job || job.metadata.deletionTimestamp) return;
      const ttl = (job.spec as JobSpecLike | undefined)?.ttlSecondsAfterFinished;
      if (ttl == null) return;
      const finished = finishTime(job, ctx);
      if (finished === undefined) return;
      const expireAt = finished + ttl * 1000;
      const now = ctx.clock.now();
      if (now < expireAt) return { requeueAfterMs: expireAt - now };
      try {
        ctx.api.delete('jobs', ns, name, { propagationPolicy: 'Foreground', uid: job.metadata.uid });
      } catch {
        // Gone already, or replaced by a new Job of the same name.
      }
    },
  };
}
