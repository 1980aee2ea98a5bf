import { defaultPodOnly, defaultPodSpec } from '../defaults/podspec.ts';
import type { KubeObject } from '../types.ts';
import { canonicalizePodSpec } from '../validation/resources.ts';
import { validatePodSpec, type PodSpecLike } from '../validation/podspec.ts';
import { validatePodSpecUpdate } from '../validation/podupdate.ts';
import { defineKind } from './define.ts';

type Res = { requests?: Record<string, string>; limits?: Record<string, string> };

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' requests and limits. */
export function podQOSClass(spec: PodSpecLike | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = (c.resources ?? {}) as Res;
    const req = r.requests ?? {};
    const lim = r.limits ?? {};
    for (const k of ['cpu', 'memory']) {
      if (req[k] !== undefined || lim[k] !== undefined) any = true;
      if (lim[k] === undefined || (req[k] !== undefined && req[k] !== lim[k])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>;
const status = (o: KubeObject) => (o.status ?? {}) as Record<string, unknown>;

/** Pod (v1). */
export const pod = defineKind({
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  decode(obj) {
    canonicalizePodSpec(obj, obj.spec as never);
  },
  defaults(obj) {
    obj.spec ??= {};
    defaultPodSpec(obj.spec as Record<string, unknown>);
    defaultPodOnly(obj.spec as Record<string, unknown>);
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending', qosClass: podQOSClass(obj.spec as PodSpecLike) };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status' || ctx.subresource === 'binding') return [];
    if (ctx.old) return validatePodSpecUpdate(obj.spec as PodSpecLike, ctx.old.spec as PodSpecLike);
    return validatePodSpec(obj.spec as PodSpecLike, 'spec');
  },
  fieldLabels: {
    'metadata.name': (o) => str(o.metadata.name),
    'metadata.namespace': (o) => str(o.metadata.namespace),
    'spec.nodeName': (o) => str(spec(o).nodeName),
    'spec.restartPolicy': (o) => str(spec(o).restartPolicy),
    'spec.schedulerName': (o) => str(spec(o).schedulerName),
    'spec.serviceAccountName': (o) => str(spec(o).serviceAccountName),
    'spec.hostNetwork': (o) => String(spec(o).hostNetwork === true),
    'status.phase': (o) => str(status(o).phase),
    'status.podIP': (o) => str(status(o).podIP),
    'status.podIPs': (o) => str(((status(o).podIPs as Array<{ ip?: string }> | undefined) ?? [])[0]?.ip),
    'status.nominatedNodeName': (o) => str(status(o).nominatedNodeName),
  },
});
