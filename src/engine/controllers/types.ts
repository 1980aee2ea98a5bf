import type { ApiServer } from '../api/server.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { EventRecorder } from '../events/recorder.ts';
import type { ObjectStore, StoreEvent } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';

/** What a controller gets: the API to write through, the store to read (an informer cache), time, randomness. */
export interface ControllerContext {
  api: ApiServer;
  /** Read-only view of current state. Never mutate what it returns; write through `api`. */
  store: ObjectStore;
  clock: VirtualClock;
  rng: Rng;
  events: EventRecorder;
  /** Reconcile `key` of this controller again after `ms` of virtual time. */
  enqueueAfter(key: string, ms: number): void;
}

export interface ReconcileResult {
  /** Ask to be called again for the same key after this much virtual time. */
  requeueAfterMs?: number;
}

/**
 * A level-based controller. Watches only map store events to keys (usually "namespace/name" of the object
 * the controller owns); `reconcile` reads current state for that key and acts. It must never rely on the
 * event payload beyond computing keys.
 */
export interface Controller {
  name: string;
  watches: Array<{ resource: string; keys(ev: StoreEvent): string[] }>;
  reconcile(key: string, ctx: ControllerContext): ReconcileResult | void;
  /** Called once when the controller starts, e.g. to enqueue every existing object. */
  start?(ctx: ControllerContext, enqueue: (key: string) => void): void;
}

/** Key helpers. */
export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The common watch mapping: the object's own key. */
export function selfKey(ev: StoreEvent): string[] {
  return [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)];
}

/** Map an owned object to its controller owner's key, when the owner is of `kind`. */
export function ownerKey(kind: string) {
  return (ev: StoreEvent): string[] => {
    const keys: string[] = [];
    for (const o of [ev.object, ev.oldObject]) {
      const ref = o?.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
      if (ref) keys.push(keyOf(o!.metadata.namespace, ref.name));
    }
    return keys;
  };
}
