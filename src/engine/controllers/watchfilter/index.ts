import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';

/**
 * Cheap tests for watch mappers: updates whose reconcile would find nothing new. They compare by reference:
 * the API server keeps unchanged parts of an object (spec, labels, annotations, finalizers, conditions) as
 * the same instances across writes (store/store.ts `cloneReusing`), so an unchanged part costs one `===`.
 * A false "changed" only costs a reconcile; a "same" is only answered when it certainly is.
 */

type Meta = KubeObject['metadata'];

/** The metadata a controller of the object itself reads are the same instances (or values). */
function sameOwnMeta(a: Meta, b: Meta): boolean {
  return (
    a.generation === b.generation &&
    a.deletionTimestamp === b.deletionTimestamp &&
    a.uid === b.uid &&
    a.labels === b.labels &&
    a.annotations === b.annotations &&
    a.finalizers === b.finalizers &&
    a.ownerReferences === b.ownerReferences
  );
}

/**
 * A MODIFIED event that changed nothing but `status` (a status write, typically the controller's own).
 * Controllers whose sync computes that status from other objects gain nothing by reconciling again.
 */
export function onlyStatusChanged(ev: StoreEvent): boolean {
  const old = ev.oldObject;
  if (ev.type !== 'MODIFIED' || !old) return false;
  return old.spec === ev.object.spec && sameOwnMeta(old.metadata, ev.object.metadata);
}

interface PodStatusView {
  phase?: string;
  conditions?: ReadonlyArray<{ type?: string; status?: string; lastTransitionTime?: string }>;
}

function readyCondition(p: KubeObject): { status?: string; lastTransitionTime?: string } | undefined {
  const conds = (p.status as PodStatusView | undefined)?.conditions;
  if (!conds) return undefined;
  for (const c of conds) if (c.type === 'Ready') return c;
  return undefined;
}

/**
 * A pod update that changes nothing a workload owner counts or acts on: same labels, owner references and
 * deletion, same phase, same Ready condition (status and transition time). Such updates (the scheduler's
 * binding, the kubelet's ContainerCreating and pod IP writes) leave a ReplicaSet's sync a no-op.
 */
export function podUpdateIrrelevantToOwner(ev: StoreEvent): boolean {
  const old = ev.oldObject;
  if (ev.type !== 'MODIFIED' || !old) return false;
  const a = old.metadata;
  const b = ev.object.metadata;
  if (a.labels !== b.labels || a.ownerReferences !== b.ownerReferences || a.deletionTimestamp !== b.deletionTimestamp || a.uid !== b.uid) return false;
  if ((old.status as PodStatusView | undefined)?.phase !== (ev.object.status as PodStatusView | undefined)?.phase) return false;
  const ra = readyCondition(old);
  const rb = readyCondition(ev.object);
  if (ra === rb) return true;
  // A missing Ready condition and a False one count alike (podutil.IsPodReady); a True one also dates availability.
  const ta = ra?.status === 'True';
  const tb = rb?.status === 'True';
  if (ta !== tb) return false;
  return !ta || ra!.lastTransitionTime === rb!.lastTransitionTime;
}
