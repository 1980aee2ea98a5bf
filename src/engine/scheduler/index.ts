import type { ClusterRuntime } from '../runtime.ts';
import { SCHEDULER_SERVICE, type SchedulerService } from './api.ts';
import { resolveConfig } from './config/resolve.ts';
import { explainAttempt } from './explain.ts';
import { registry } from './registry.ts';
import { onStoreEvent } from './informer.ts';
import { Scheduler } from './scheduler.ts';

export { SCHEDULER_SERVICE, type SchedulerService, type SchedulingAttempt, type SchedulingExplanation } from './api.ts';

const CYCLE_KEY = 'schedule';

/**
 * Start the default scheduler. It runs as a controller with a single key: store events keep its caches and
 * queue current (a direct store watch), and whenever a pod becomes active the key is queued, so the
 * controller manager's drain (after every command and timer) runs scheduling cycles until activeQ is empty.
 */
export function startScheduler(rt: ClusterRuntime): Scheduler {
  let enqueue: (key: string) => void = () => {};
  const scheduler = new Scheduler(rt, () => enqueue(CYCLE_KEY));
  rt.controllers.add({
    name: 'default-scheduler',
    watches: [],
    start(_ctx, add) {
      enqueue = add;
    },
    reconcile() {
      scheduler.drain();
    },
  }, 'kube-scheduler');
  for (const n of rt.store.list('nodes')) onStoreEvent(scheduler, { type: 'ADDED', resource: 'nodes', object: n, resourceVersion: 0 });
  for (const p of rt.store.list('pods')) onStoreEvent(scheduler, { type: 'ADDED', resource: 'pods', object: p, resourceVersion: 0 });
  rt.store.watch((ev) => onStoreEvent(scheduler, ev));
  const service: SchedulerService = {
    lastAttempt: (namespace, name) => scheduler.records.get(namespace, name),
    explain: (namespace, name) => {
      const a = scheduler.records.get(namespace, name);
      return a && explainAttempt(a, scheduler.table.names.slice(0, scheduler.table.count));
    },
    nodeResources: (node) => {
      const t = scheduler.table;
      const i = t.indexOf(node);
      if (i < 0) return undefined;
      return { allocCPU: t.allocCPU[i], allocMem: t.allocMem[i], nonZeroCPU: t.nonZeroCPU[i], nonZeroMem: t.nonZeroMem[i], reqCPU: t.reqCPU[i], reqMem: t.reqMem[i] };
    },
    podOnNode: (uid) => scheduler.table.usageOf(uid)?.node,
    config: () => scheduler.config.config,
    applyConfig: (cfg) => {
      scheduler.configure(resolveConfig(cfg, registry));
      rt.settle();
    },
    queueStats: () => scheduler.queue.stats(),
  };
  rt.services.set(SCHEDULER_SERVICE, service);
  return scheduler;
}
