import type { ResourceType } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';

export interface DeletedRef {
  rt: ResourceType;
  namespace?: string;
  name: string;
  uid?: string;
}

function gone(ctx: KubectlContext, r: DeletedRef): boolean {
  const o = ctx.api.tryGet(r.rt.plural, r.namespace, r.name);
  return !o || (r.uid !== undefined && o.metadata.uid !== r.uid);
}

/**
 * `kubectl delete --wait`: block until every deleted object (matched by UID) is gone, moving virtual time
 * forward in small steps (1 s for the first five minutes, then 60 s) up to `timeoutMs` (kubectl's default
 * of 0 means a week). Returns the objects still present when time ran out.
 */
export function waitForDeletion(ctx: KubectlContext, refs: DeletedRef[], timeoutMs: number): DeletedRef[] {
  const limit = timeoutMs > 0 ? timeoutMs : 7 * 24 * 3600 * 1000;
  ctx.rt.settle();
  let pending = refs.filter((r) => !gone(ctx, r));
  let waited = 0;
  while (pending.length > 0 && waited < limit) {
    const step = Math.min(waited < 300_000 ? 1000 : 60_000, limit - waited);
    ctx.rt.advance(step);
    waited += step;
    pending = pending.filter((r) => !gone(ctx, r));
  }
  return pending;
}
