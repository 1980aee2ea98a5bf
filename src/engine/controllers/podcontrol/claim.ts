import type { KubeObject } from '../../api/types.ts';
import type { ControllerContext } from '../types.ts';
import { controllerRefOf, newControllerRef } from './pods.ts';

/**
 * ControllerRefManager.ClaimObject for pods and ReplicaSets: keep what we own and still select, release
 * what we own but no longer select, adopt matching orphans. Returns the objects claimed (stored instances,
 * or the updated object after an adoption).
 *
 * `resource` is the plural of the claimed objects (`pods`, `replicasets`).
 */
export function claimObjects(
  ctx: ControllerContext,
  owner: KubeObject,
  resource: string,
  candidates: Iterable<KubeObject>,
  matches: (o: KubeObject) => boolean,
): KubeObject[] {
  const claimed: KubeObject[] = [];
  const uid = owner.metadata.uid!;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  let canAdopt: boolean | undefined;
  for (const o of candidates) {
    const ref = controllerRefOf(o);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches(o)) {
        claimed.push(o);
        continue;
      }
      if (ownerDeleting) continue;
      release(ctx, resource, o, uid);
      continue;
    }
    // An orphan.
    if (ownerDeleting || !matches(o) || o.metadata.deletionTimestamp) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== o.metadata.namespace) continue;
    // RecheckDeletionTimestamp: read the owner fresh before the first adoption.
    canAdopt ??= ownerStillCurrent(ctx, owner);
    if (!canAdopt) continue;
    const adopted = adopt(ctx, resource, o, owner);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function ownerStillCurrent(ctx: ControllerContext, owner: KubeObject): boolean {
  const fresh = ctx.store.get(ctx.api.resource(owner.kind).plural, owner.metadata.namespace, owner.metadata.name!);
  return !!fresh && fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp;
}

function adopt(ctx: ControllerContext, resource: string, o: KubeObject, owner: KubeObject): KubeObject | undefined {
  try {
    return ctx.api.modify(resource, o.metadata.namespace, o.metadata.name!, (cur) => {
      if (cur.metadata.uid !== o.metadata.uid || controllerRefOf(cur)) throw new Error('object changed');
      cur.metadata.ownerReferences = [...(cur.metadata.ownerReferences ?? []), newControllerRef(owner)];
    });
  } catch {
    return undefined;
  }
}

function release(ctx: ControllerContext, resource: string, o: KubeObject, ownerUid: string): void {
  try {
    ctx.api.modify(resource, o.metadata.namespace, o.metadata.name!, (cur) => {
      if (cur.metadata.uid !== o.metadata.uid) throw new Error('object changed');
      const refs = (cur.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
      if (refs.length > 0) cur.metadata.ownerReferences = refs;
      else delete cur.metadata.ownerReferences;
    });
  } catch {
    // Gone or changed: the next sync sees the new state.
  }
}
