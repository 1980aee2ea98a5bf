/**
 * The scale subresource as the HPA controller sees it: the target's spec.replicas and the pods its selector
 * matches, for Deployments, ReplicaSets, StatefulSets and ReplicationControllers. Errors carry the texts the
 * RESTMapper and the apiserver return.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ApiServer } from '../../api/server.ts';
import type { CrossVersionObjectReference } from '../../api/kinds/horizontalpodautoscaler.ts';
import type { KubeObject, ResourceType } from '../../api/types.ts';

const scalable = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export interface Scale {
  rt: ResourceType;
  target: KubeObject;
  specReplicas: number;
  statusReplicas: number;
  /** The target's pod selector (a map selector is turned into matchLabels); undefined when it has none. */
  selector: LabelSelector | undefined;
}

export class ScaleError extends Error {}

/** schema.ParseGroupVersion's group ("" for the core group); throws for a malformed apiVersion. */
export function groupOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (apiVersion === '' || parts.length === 1) return '';
  if (parts.length === 2) return parts[0];
  throw new ScaleError(`unexpected GroupVersion string: ${apiVersion}`);
}

export function getScale(api: ApiServer, namespace: string, ref: CrossVersionObjectReference): Scale {
  const group = groupOf(ref.apiVersion ?? '');
  const rt = api.registry.all().find((t) => t.kind === ref.kind && t.group === group);
  if (!rt) throw new ScaleError(`no matches for kind "${ref.kind}" in group "${group}"`);
  if (!scalable.has(rt.kind)) throw new ScaleError('the server could not find the requested resource');
  const target = api.tryGet(rt.plural, namespace, ref.name ?? '');
  if (!target) throw new ScaleError(`${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${ref.name}" not found`);
  const spec = (target.spec ?? {}) as { replicas?: number; selector?: LabelSelector | Record<string, string> };
  const status = (target.status ?? {}) as { replicas?: number };
  let selector: LabelSelector | undefined;
  if (spec.selector) {
    selector = rt.kind === 'ReplicationController' ? { matchLabels: spec.selector as Record<string, string> } : (spec.selector as LabelSelector);
    if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) selector = undefined;
  }
  return { rt, target, specReplicas: spec.replicas ?? 1, statusReplicas: status.replicas ?? 0, selector };
}

/** Update the scale subresource: the target's spec.replicas. */
export function updateScale(api: ApiServer, s: Scale, replicas: number): void {
  api.modify(s.rt.plural, s.target.metadata.namespace, s.target.metadata.name ?? '', (o) => {
    (o.spec as { replicas?: number }).replicas = replicas;
  });
}
