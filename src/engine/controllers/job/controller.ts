/**
 * The Job controller (pkg/controller/job). Keys are `namespace/name` of Jobs; `gone:namespace/uid` asks to
 * release the tracking finalizers of pods whose Job no longer exists (deleted in the background).
 */
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { controllerRefOf } from '../podcontrol/pods.ts';
import { keyOf, splitKey, type Controller } from '../types.ts';
import { hasTrackingFinalizer } from './pods.ts';
import { releasePods, syncJob, type SyncState } from './sync.ts';

const gonePrefix = 'gone:';

function jobKeys(ev: StoreEvent): string[] {
  const o = ev.object;
  const keys = [keyOf(o.metadata.namespace, o.metadata.name!)];
  if (ev.type === 'DELETED') keys.push(`${gonePrefix}${o.metadata.namespace}/${o.metadata.uid}`);
  return keys;
}

function podKeys(ev: StoreEvent): string[] {
  const keys: string[] = [];
  for (const o of [ev.object, ev.oldObject]) {
    const ref = o && controllerRefOf(o);
    if (!ref || ref.kind !== 'Job') continue;
    const k = keyOf(o.metadata.namespace, ref.name);
    if (!keys.includes(k)) keys.push(k);
  }
  const o = ev.object;
  const ref = controllerRefOf(o);
  if (ref?.kind === 'Job' && hasTrackingFinalizer(o) && o.metadata.deletionTimestamp) keys.push(`${gonePrefix}${o.metadata.namespace}/${ref.uid}`);
  return keys;
}

export function jobController(rt: ClusterRuntime): Controller {
  const pods = podIndexFor(rt.store);
  const st: SyncState = { backoff: new Map() };
  return {
    name: 'job',
    watches: [
      { resource: 'jobs', keys: jobKeys },
      { resource: 'pods', keys: podKeys },
    ],
    start(ctx, enqueue) {
      for (const j of ctx.store.list('jobs')) enqueue(keyOf(j.metadata.namespace, j.metadata.name!));
    },
    reconcile(key, ctx) {
      if (key.startsWith(gonePrefix)) {
        const [ns, uid] = splitKey(key.slice(gonePrefix.length));
        const owned = [...pods.owned(uid)];
        const ref = owned.length > 0 ? controllerRefOf(owned[0]) : undefined;
        const job = ref ? ctx.store.get('jobs', ns, ref.name) : undefined;
        if (job && job.metadata.uid === uid) return;
        st.backoff.delete(uid);
        releasePods(ctx, owned);
        return;
      }
      const [ns, name] = splitKey(key);
      const job = ctx.store.get('jobs', ns, name);
      if (!job) return;
      const after = syncJob(ctx, job, pods.owned(job.metadata.uid!), st);
      return after === undefined ? undefined : { requeueAfterMs: Math.max(0, after) };
    },
  };
}
