// etcd keys of kube-apiserver's storage (--etcd-prefix=/registry): /registry/<resource>/<namespace>/<name>,
// with the few resources whose storage path differs from their name.
import type { ResourceRegistry } from '../../api/registry.ts';
import type { ResourceType } from '../../api/types.ts';

const special: Record<string, string> = {
  services: 'services/specs',
  endpoints: 'services/endpoints',
  nodes: 'minions',
  ingresses: 'ingress',
  networkpolicies: 'networkpolicies',
  podsecuritypolicies: 'podsecuritypolicy',
  horizontalpodautoscalers: 'horizontalpodautoscalers',
  deployments: 'deployments',
  replicationcontrollers: 'controllers',
  mutatingwebhookconfigurations: 'mutatingwebhookconfigurations',
  customresourcedefinitions: 'apiextensions.k8s.io/customresourcedefinitions',
};

export function storagePrefix(rt: ResourceType): string {
  return `/registry/${special[rt.plural] ?? rt.plural}`;
}

export function storageKey(rt: ResourceType, namespace: string | undefined, name: string): string {
  return rt.namespaced ? `${storagePrefix(rt)}/${namespace}/${name}` : `${storagePrefix(rt)}/${name}`;
}

/** The resource, namespace and name a key names, or undefined. */
export function parseKey(reg: ResourceRegistry, key: string): { rt: ResourceType; namespace?: string; name?: string } | undefined {
  for (const rt of reg.all()) {
    const p = storagePrefix(rt) + '/';
    if (!key.startsWith(p) && key !== storagePrefix(rt)) continue;
    const rest = key.slice(p.length).split('/').filter((x) => x !== '');
    if (rt.namespaced) {
      if (rest.length > 2) continue;
      return { rt, namespace: rest[0], name: rest[1] };
    }
    if (rest.length > 1) continue;
    return { rt, name: rest[0] };
  }
  return undefined;
}
