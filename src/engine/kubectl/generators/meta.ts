import type { KubeObject } from '../../api/types.ts';

/**
 * ObjectMeta in Go struct field order (name, namespace, creationTimestamp, labels, annotations), as the
 * typed objects kubectl's generators build serialise in `-o json`. creationTimestamp is always null there.
 */
export function objectMeta(name: string, namespace: string | undefined, labels?: Record<string, string>, annotations?: Record<string, string>): KubeObject['metadata'] {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length > 0) m.labels = sortedMap(labels);
  if (annotations && Object.keys(annotations).length > 0) m.annotations = sortedMap(annotations);
  return m as KubeObject['metadata'];
}

/** The namespace generators put in metadata: only when -n was given (cmdutil's enforceNamespace). */
export function enforcedNamespace(namespace: string, explicit: boolean): string | undefined {
  return explicit ? namespace : undefined;
}

/** A Go map[string]string as encoding/json writes it: keys sorted. */
export function sortedMap(m: Record<string, string> | Map<string, string>): Record<string, string> {
  const entries = m instanceof Map ? [...m] : Object.entries(m);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
