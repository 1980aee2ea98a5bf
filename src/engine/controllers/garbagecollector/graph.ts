import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

/** A GC work key: `resource|namespace|name`. */
export function itemKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}|${namespace ?? ''}|${name}`;
}

export function parseItemKey(key: string): { resource: string; namespace: string | undefined; name: string } {
  const [resource, ns, name] = key.split('|');
  return { resource, namespace: ns || undefined, name };
}

export function refsOf(o: KubeObject | undefined): readonly OwnerReference[] {
  return (o?.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
}

export function hasFinalizer(o: KubeObject, f: string): boolean {
  return o.metadata.finalizers?.includes(f) ?? false;
}

/** Being deleted and waiting for its dependents (foreground deletion). */
export function isDeletingDependents(o: KubeObject): boolean {
  return !!o.metadata.deletionTimestamp && hasFinalizer(o, FOREGROUND);
}

/** The shared answer "no keys" (callers only read it). */
const NO_KEYS: string[] = [];

function sameRefs(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.uid !== y.uid || x.name !== y.name || x.kind !== y.kind || x.apiVersion !== y.apiVersion || x.blockOwnerDeletion !== y.blockOwnerDeletion || x.controller !== y.controller) return false;
  }
  return true;
}

/**
 * The garbage collector's dependency graph, reduced to what it needs: owner uid → keys of the objects that
 * name it in an ownerReference. Maintained from store events (as the GC's graph builder does from its
 * informers), so finding an owner's dependents never scans the store.
 */
export class DependencyGraph {
  private dependents = new Map<string, Set<string>>();
  constructor(private readonly resourceOfKind: (apiVersion: string, kind: string) => { plural: string; namespaced: boolean } | undefined) {}

  dependentsOf(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])];
  }

  hasDependents(uid: string): boolean {
    return (this.dependents.get(uid)?.size ?? 0) > 0;
  }

  /** The work key of the object a reference names (relative to the dependent's namespace). */
  ownerKey(ref: OwnerReference, dependentNamespace: string | undefined): string | undefined {
    const rt = this.resourceOfKind(ref.apiVersion, ref.kind);
    if (!rt) return undefined;
    return itemKey(rt.plural, rt.namespaced ? dependentNamespace : undefined, ref.name);
  }

  /** Update the graph for one store event; return the work keys the event makes worth a look. */
  observe(ev: StoreEvent): string[] {
    const obj = ev.object;
    // The common cases first, without allocating: a write that neither deletes nor touches owner references
    // (status writes, Events) changes nothing here.
    if (!obj.metadata.deletionTimestamp) {
      if (ev.type === 'ADDED' && !obj.metadata.ownerReferences?.length) return NO_KEYS;
      if (ev.type === 'MODIFIED' && !ev.oldObject!.metadata.deletionTimestamp && ev.oldObject!.metadata.ownerReferences === obj.metadata.ownerReferences) return NO_KEYS;
    }
    const uid = obj.metadata.uid;
    const key = itemKey(ev.resource, obj.metadata.namespace, obj.metadata.name!);
    const out: string[] = [];
    const oldRefs = refsOf(ev.oldObject);
    const newRefs = ev.type === 'DELETED' ? [] : refsOf(obj);
    const refsChanged = !sameRefs(oldRefs, newRefs);
    if (refsChanged) {
      for (const r of oldRefs) this.dependents.get(r.uid)?.delete(key);
      for (const r of newRefs) {
        let s = this.dependents.get(r.uid);
        if (!s) this.dependents.set(r.uid, (s = new Set()));
        s.add(key);
      }
      for (const r of oldRefs) if (this.dependents.get(r.uid)?.size === 0) this.dependents.delete(r.uid);
      // New or changed references: check them; owners that may be waiting on this object: recheck them.
      if (newRefs.length) out.push(key);
      for (const r of oldRefs) {
        const k = this.ownerKey(r, obj.metadata.namespace);
        if (k) out.push(k);
      }
    }
    if (ev.type === 'DELETED') {
      if (uid) {
        // Its dependents may now be garbage; owners waiting in the foreground may now proceed.
        out.push(...this.dependentsOf(uid));
      }
      for (const r of refsOf(ev.oldObject ?? obj)) {
        const k = this.ownerKey(r, obj.metadata.namespace);
        if (k) out.push(k);
      }
      return out;
    }
    const deleting = !!obj.metadata.deletionTimestamp && (hasFinalizer(obj, FOREGROUND) || hasFinalizer(obj, ORPHAN));
    const wasDeleting = !!ev.oldObject?.metadata.deletionTimestamp && (hasFinalizer(ev.oldObject, FOREGROUND) || hasFinalizer(ev.oldObject, ORPHAN));
    if (deleting) {
      out.push(key);
      // Foreground deletion starts: every dependent gets a look (attemptToDelete).
      if (!wasDeleting && uid) out.push(...this.dependentsOf(uid));
    }
    return out;
  }
}
