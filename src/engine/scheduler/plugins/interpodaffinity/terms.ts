import type { PodAffinityTerm } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { matchesLabelSelector } from '../../../util/labels.ts';
import type { Handle } from '../../framework/interfaces.ts';

/**
 * An affinity term resolved as upstream's framework.AffinityTerm: the namespaces it names (the pod's own when it
 * names none and has no namespaceSelector), its namespace selector (null matches no namespace, {} all) and its
 * label selector (null matches no pod).
 */
export interface AffinityTerm {
  topologyKey: string;
  selector: LabelSelector | null;
  namespaces: ReadonlySet<string>;
  nsSelector: LabelSelector | null;
}

export function resolveTerm(t: PodAffinityTerm, podNamespace: string): AffinityTerm {
  const names = t.namespaces ?? [];
  const namespaces = names.length === 0 && !t.namespaceSelector ? new Set([podNamespace]) : new Set(names);
  return { topologyKey: t.topologyKey, selector: t.labelSelector ?? null, namespaces, nsSelector: t.namespaceSelector ?? null };
}

function isEmpty(s: LabelSelector | null): boolean {
  return !!s && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces (by name or namespace labels) and matches its selector. */
export function termMatches(t: AffinityTerm, podNs: string, podLabels: Readonly<Record<string, string>>, nsLabels: () => Record<string, string>): boolean {
  if (!(t.namespaces.has(podNs) || (t.nsSelector !== null && matchesLabelSelector(t.nsSelector, nsLabels())))) return false;
  return matchesLabelSelector(t.selector, podLabels as Record<string, string>);
}

/** The labels of a namespace (GetNamespaceLabelsSnapshot): empty when it is not found. */
export function namespaceLabels(h: Handle, ns: string): Record<string, string> {
  return (h.store.get('namespaces', undefined, ns)?.metadata.labels ?? {}) as Record<string, string>;
}

/**
 * The term's namespaces for counting existing pods: mergeAffinityTermNamespacesIfNotEmpty folds a non-empty
 * namespaceSelector into the names; an empty selector ({}) means every namespace (null).
 */
export function countingNamespaces(t: AffinityTerm, h: Handle): ReadonlySet<string> | null {
  if (isEmpty(t.nsSelector)) return null;
  if (!t.nsSelector) return t.namespaces;
  const out = new Set(t.namespaces);
  for (const ns of h.store.list('namespaces')) {
    if (matchesLabelSelector(t.nsSelector, (ns.metadata.labels ?? {}) as Record<string, string>)) out.add(ns.metadata.name!);
  }
  return out;
}
