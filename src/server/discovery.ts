// Discovery documents built from the engine's resource registry: the legacy /api, /apis, /api/v1 and
// /apis/GROUP/VERSION answers and the aggregated apidiscovery.k8s.io/v2 lists kubectl 1.32 asks for first.
import type { ResourceRegistry } from '../engine/api/registry.ts';
import type { ResourceType } from '../engine/api/types.ts';

/** The resources whose REST storage has a scale subresource (autoscaling/v1 Scale). */
const scalable = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

export function hasScale(t: ResourceType): boolean {
  return scalable.has(t.plural) && (t.group === 'apps' || t.group === '');
}

export function groupVersion(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Groups in registration order, each with its versions (the stored version first). */
export function groups(registry: ResourceRegistry): Array<{ name: string; versions: string[] }> {
  const out = new Map<string, string[]>();
  for (const t of registry.all()) {
    if (!t.group) continue;
    const vs = out.get(t.group) ?? [];
    if (!vs.includes(t.version)) vs.push(t.version);
    out.set(t.group, vs);
  }
  return [...out].map(([name, versions]) => ({ name, versions }));
}

export function typesIn(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry.all().filter((t) => t.group === group && t.version === version);
}

export function apiVersions(host: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

export function apiGroupList(registry: ResourceRegistry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(registry).map((g) => {
      const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
      return { name: g.name, versions, preferredVersion: versions[0] };
    }),
  };
}

export function apiGroup(registry: ResourceRegistry, name: string): unknown | undefined {
  const g = groups(registry).find((x) => x.name === name);
  if (!g) return undefined;
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.name, versions, preferredVersion: versions[0] };
}

export function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown | undefined {
  const types = typesIn(registry, group, version);
  if (types.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const t of types) {
    const r: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
    if (t.shortNames.length) r.shortNames = t.shortNames;
    if (t.categories?.length) r.categories = t.categories;
    resources.push(r);
    if (hasScale(t)) {
      resources.push({ name: `${t.plural}/scale`, singularName: '', namespaced: t.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    }
    if (t.hasStatus) resources.push({ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources };
}

function discoveryResource(t: ResourceType): unknown {
  const r: Record<string, unknown> = {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
  };
  if (t.shortNames.length) r.shortNames = t.shortNames;
  if (t.categories?.length) r.categories = t.categories;
  const subs: unknown[] = [];
  if (hasScale(t)) subs.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
  if (t.hasStatus) subs.push({ subresource: 'status', responseKind: { group: t.group, version: t.version, kind: t.kind }, verbs: ['get', 'patch', 'update'] });
  if (subs.length) r.subresources = subs;
  return r;
}

/** The aggregated discovery document for /api (core only) or /apis (every named group). */
export function aggregated(registry: ResourceRegistry, core: boolean): unknown {
  const items = core
    ? [{ metadata: { creationTimestamp: null }, versions: [{ version: 'v1', resources: typesIn(registry, '', 'v1').map(discoveryResource), freshness: 'Current' }] }]
    : groups(registry).map((g) => ({
        metadata: { name: g.name, creationTimestamp: null },
        versions: g.versions.map((v) => ({ version: v, resources: typesIn(registry, g.name, v).map(discoveryResource), freshness: 'Current' })),
      }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when the Accept header asks for aggregated discovery v2. */
export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((m) => /as=APIGroupDiscoveryList/.test(m) && /v=v2(;|$)/.test(m.replace(/\s/g, '')));
}
