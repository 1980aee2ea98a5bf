import type { KubeObject } from '../../engine/index.ts';
import type { ObjRef } from '../state/uiStore.ts';

/** How the selected object relates to another: the inspector lists these, each one selectable. */
export interface Relation {
  relation: 'owner' | 'owned' | 'selectedBy' | 'selects' | 'node' | 'pods' | 'backend' | 'routedBy';
  ref: ObjRef;
  /** Extra words: an endpoint's IP, a pod's status. */
  note?: string;
}

type Labels = Readonly<Record<string, string>> | undefined;

/** Equality-based selector match (a Service's `spec.selector`): every key present with the same value. */
export function selectorMatches(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

function ref(o: KubeObject): ObjRef {
  return o.metadata?.namespace ? { kind: o.kind, name: o.metadata?.name ?? '', namespace: o.metadata.namespace } : { kind: o.kind, name: o.metadata?.name ?? '' };
}

/** Objects the graph follows, by kind (the inspector's search space for relations). */
export type Objects = Readonly<Record<string, readonly KubeObject[]>>;

/**
 * What the selected object points at and what points at it: its owner (ownerReferences), what it owns
 * (objects whose ownerReferences carry its uid), the Services whose selector picks a pod, the pods a
 * Service selects, a pod's node and a node's pods, an Ingress's backends and the Ingresses routing to a
 * Service.
 */
export function relations(obj: KubeObject, objects: Objects): Relation[] {
  const out: Relation[] = [];
  const ns = obj.metadata?.namespace;
  for (const o of obj.metadata?.ownerReferences ?? []) out.push({ relation: 'owner', ref: ns ? { kind: o.kind, name: o.name, namespace: ns } : { kind: o.kind, name: o.name } });
  const uid = obj.metadata?.uid;
  if (uid)
    for (const list of Object.values(objects))
      for (const o of list) if (o.metadata?.ownerReferences?.some((r) => r.uid === uid)) out.push({ relation: 'owned', ref: ref(o) });
  const spec = (obj as { spec?: Record<string, unknown> }).spec ?? {};
  if (obj.kind === 'Pod') {
    for (const s of objects.Service ?? [])
      if (s.metadata?.namespace === ns && selectorMatches((s as { spec?: { selector?: Labels } }).spec?.selector, obj.metadata?.labels)) out.push({ relation: 'selectedBy', ref: ref(s) });
    if (typeof spec.nodeName === 'string' && spec.nodeName) out.push({ relation: 'node', ref: { kind: 'Node', name: spec.nodeName } });
  }
  if (obj.kind === 'Service') {
    const sel = spec.selector as Labels;
    for (const p of objects.Pod ?? []) if (p.metadata?.namespace === ns && selectorMatches(sel, p.metadata?.labels)) out.push({ relation: 'selects', ref: ref(p) });
    for (const i of objects.Ingress ?? []) {
      if (i.metadata?.namespace !== ns) continue;
      const text = JSON.stringify((i as { spec?: unknown }).spec ?? {});
      if (text.includes(`"service":{"name":${JSON.stringify(obj.metadata?.name)}`)) out.push({ relation: 'routedBy', ref: ref(i) });
    }
  }
  if (obj.kind === 'Node') for (const p of objects.Pod ?? []) if ((p as { spec?: { nodeName?: string } }).spec?.nodeName === obj.metadata?.name) out.push({ relation: 'pods', ref: ref(p) });
  if (obj.kind === 'Ingress') {
    const names = new Set<string>();
    const s = spec as { defaultBackend?: { service?: { name?: string } }; rules?: Array<{ http?: { paths?: Array<{ backend?: { service?: { name?: string } } }> } }> };
    if (s.defaultBackend?.service?.name) names.add(s.defaultBackend.service.name);
    for (const r of s.rules ?? []) for (const p of r.http?.paths ?? []) if (p.backend?.service?.name) names.add(p.backend.service.name);
    for (const n of names) out.push({ relation: 'backend', ref: { kind: 'Service', name: n, namespace: ns } });
  }
  return out;
}
