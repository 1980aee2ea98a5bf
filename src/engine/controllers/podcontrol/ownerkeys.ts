import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ObjectStore, StoreEvent } from '../../store/store.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { keyOf } from '../types.ts';
import { controllerRefOf } from './pods.ts';

/** Whether a workload's `spec.selector` selects these labels; a nil or empty selector selects nothing here. */
export function workloadSelects(owner: KubeObject, labels: Record<string, string> | undefined): boolean {
  const sel = (owner.spec as { selector?: LabelSelector | null } | undefined)?.selector;
  if (!sel || (!sel.matchLabels && !sel.matchExpressions)) return false;
  return matchesLabelSelector(sel, labels);
}

const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/**
 * Watch mapping for pods of a `kind` controller (StatefulSet, DaemonSet): a pod event enqueues its
 * controller owner, or, for an orphan, every `resource` object in its namespace that selects it (it may
 * adopt it). Old and new versions both count, so a pod leaving a selector is seen too.
 */
export function podOwnerKeys(kind: string, resource: string, store: () => ObjectStore | undefined) {
  return (ev: StoreEvent): string[] => {
    // Pods controlled by another kind, before and after (the usual case): nothing to allocate.
    const ra = controllerRefOf(ev.object);
    const rb = ev.oldObject && controllerRefOf(ev.oldObject);
    if (ra && ra.kind !== kind && (!ev.oldObject || (rb && rb.kind !== kind))) return NO_KEYS;
    const keys = new Set<string>();
    for (const p of [ev.object, ev.oldObject]) {
      if (!p) continue;
      const ref = controllerRefOf(p);
      if (ref) {
        if (ref.kind === kind) keys.add(keyOf(p.metadata.namespace, ref.name));
        continue;
      }
      for (const o of store()?.list(resource, p.metadata.namespace) ?? []) {
        if (workloadSelects(o, p.metadata.labels)) keys.add(keyOf(o.metadata.namespace, o.metadata.name!));
      }
    }
    return [...keys];
  };
}
