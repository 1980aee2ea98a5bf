/**
 * The CronJob controller (pkg/controller/cronjob, v2). A CronJob is periodic forever, so the wake-up for
 * its next schedule time is a background timer: `runUntilIdle` does not wait for it, while `advance` (the
 * shell's `sleep`) fires it on the way.
 */
import type { ClusterRuntime } from '../../runtime.ts';
import { clone } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import type { TimerId } from '../../clock/clock.ts';
import { keyOf, ownerKey, selfKey, splitKey, type Controller } from '../types.ts';
import { cleanupFinishedJobs, syncCronJob, type CronJobStatusLike } from './sync.ts';

export function cronJobController(_rt: ClusterRuntime): Controller {
  const timers = new Map<string, TimerId>();
  let enqueueKey: (key: string) => void = () => {};
  return {
    name: 'cronjob',
    watches: [
      { resource: 'cronjobs', keys: selfKey },
      { resource: 'jobs', keys: ownerKey('CronJob') },
    ],
    start(ctx, enqueue) {
      enqueueKey = enqueue;
      for (const cj of ctx.store.list('cronjobs')) enqueue(keyOf(cj.metadata.namespace, cj.metadata.name!));
    },
    reconcile(key, ctx) {
      const [ns, name] = splitKey(key);
      ctx.clock.cancel(timers.get(key));
      timers.delete(key);
      const cj = ctx.store.get('cronjobs', ns, name);
      if (!cj) return;
      const uid = cj.metadata.uid;
      const jobs = ctx.store.list('jobs', ns).filter((j) => (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid));
      const old = (cj.status ?? {}) as CronJobStatusLike;
      const status = clone(old) as CronJobStatusLike;
      const after = syncCronJob(ctx, cj, status, jobs);
      // Jobs deleted above are still in `jobs`; cleanup reads the store again.
      const current = ctx.store.list('jobs', ns).filter((j) => (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === uid));
      cleanupFinishedJobs(ctx, cj, status, current);
      if (!status.active || status.active.length === 0) delete status.active;
      if (!deepEqual(status, old)) {
        try {
          ctx.api.updateStatus({ ...cj, status });
        } catch {
          return { requeueAfterMs: 1000 };
        }
      }
      if (after !== undefined && after >= 0) {
        const id = ctx.clock.schedule(() => {
          timers.delete(key);
          enqueueKey(key);
        }, after, { background: true, label: `cronjob:${key}` });
        timers.set(key, id);
      }
    },
  };
}
