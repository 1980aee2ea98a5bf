/**
 * The `/scale` subresource's view (autoscaling/v1 Scale) of the kinds that have one, and writing a patched
 * Scale back: only `spec.replicas` carries over.
 */
import type { KubeObject, ResourceType } from '../types.ts';
import { clone } from '../../store/store.ts';

const scalable = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export const scaleGroupKind = { group: 'autoscaling', kind: 'Scale' };

function selectorString(sel: unknown, kind: string): string {
  const s = (sel ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  if (kind === 'ReplicationController') return Object.entries((sel ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).sort().join(',');
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

/** The Scale object for a scalable kind; undefined for kinds without the subresource. */
export function toScale(rt: ResourceType, obj: KubeObject): KubeObject | undefined {
  if (!scalable.has(rt.kind)) return undefined;
  const m = obj.metadata;
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const scaleStatus: Record<string, unknown> = { replicas: status.replicas ?? 0 };
  const sel = selectorString(spec.selector, rt.kind);
  if (sel) scaleStatus.selector = sel;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: scaleStatus,
  } as KubeObject;
}

/** The object with the replicas of a patched Scale. */
export function fromScale(obj: KubeObject, scale: KubeObject): KubeObject {
  const out = clone(obj);
  const replicas = (scale.spec as { replicas?: number } | undefined)?.replicas;
  (out.spec as { replicas?: number }).replicas = replicas ?? 0;
  return out;
}
