import type { KubeObject } from '../../api/types.ts';

/**
 * ObjectMeta in Go struct field order (name, namespace, creationTimestamp, labels, annotations), as the
 * typed objects kubectl's generators build serialise in `-o json`. creationTimestamp is always null there.
 */
export function objectMeta(name: string, namespace: string | undefined, labels?: Record<string, string>, annotations?: Record<string, string>): KubeObject['metadata'] {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length > 0) m.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) m.annotations = annotations;
  return m as KubeObject['metadata'];
}

/** The namespace generators put in metadata: only when -n was given (cmdutil's enforceNamespace). */
export function enforcedNamespace(namespace: string, explicit: boolean): string | undefined {
  return explicit ? namespace : undefined;
}
