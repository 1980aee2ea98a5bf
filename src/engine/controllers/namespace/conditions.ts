import type { NamespaceCondition } from 'kubernetes-types/core/v1';
import type { Mut } from '../../api/types.ts';

export type Condition = Mut<NamespaceCondition>;

/** The condition types the namespace deleter maintains, in upstream's order, with their "all is well" texts. */
const conditionTypes = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const okReasons: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentHasNoFinalizers',
};

const okMessages: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content-preserving finalizers finished',
};

export interface ContentTotals {
  /** "pods." / "deployments.apps" → instances remaining. */
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
  deleteErrors: string[];
}

/** The failure conditions a deletion pass produced (namespaceConditionUpdater). */
export function failureConditions(t: ContentTotals, now: string): Condition[] {
  const out: Condition[] = [];
  if (t.deleteErrors.length) {
    const msgs = [...t.deleteErrors].sort();
    out.push({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      lastTransitionTime: now,
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  const remaining = [...t.remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`);
  if (remaining.length) {
    out.push({
      type: 'NamespaceContentRemaining',
      status: 'True',
      lastTransitionTime: now,
      reason: 'SomeResourcesRemain',
      message: `Some resources are remaining: ${remaining.sort().join(', ')}`,
    });
  }
  const fins = [...t.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`);
  if (fins.length) {
    out.push({
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      lastTransitionTime: now,
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${fins.sort().join(', ')}`,
    });
  }
  return out;
}

/** updateConditions: every maintained type present, failures as given and the rest in their "ok" form. */
export function updateConditions(existing: Condition[], failures: Condition[], now: string): { conditions: Condition[]; changed: boolean } {
  const conditions = existing.map((c) => ({ ...c }));
  let changed = false;
  for (const type of conditionTypes) {
    const want = failures.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: now, reason: okReasons[type], message: okMessages[type] };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push(want);
      changed = true;
    } else if (old.status !== want.status || old.message !== want.message || old.reason !== want.reason) {
      if (old.status !== want.status) old.lastTransitionTime = now;
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
