// The Node authorizer (plugin/pkg/auth/authorizer/node), simplified: a kubelet identity
// (`system:node:<name>` in group `system:nodes`) may read the Secrets, ConfigMaps, PersistentVolumeClaims and
// ServiceAccount tokens of pods bound to its node, and otherwise has the system:node rules.
import type { ObjectStore } from '../store/store.ts';
import type { Attributes } from './attributes.ts';
import { ruleAllows } from './rbac/rules.ts';
import type { PolicyRule } from './rbac/types.ts';
import type { UserInfo } from './user.ts';

/** The node a kubelet identity names, or undefined for other users. */
export function nodeOf(user: UserInfo): string | undefined {
  if (!user.groups.includes('system:nodes') || !user.name.startsWith('system:node:')) return undefined;
  return user.name.slice('system:node:'.length) || undefined;
}

const graphResources = new Set(['secrets', 'configmaps', 'persistentvolumeclaims', 'persistentvolumes']);

interface PodRefs {
  spec?: {
    nodeName?: string;
    volumes?: Array<{ secret?: { secretName?: string }; configMap?: { name?: string }; persistentVolumeClaim?: { claimName?: string }; projected?: { sources?: Array<{ secret?: { name?: string }; configMap?: { name?: string } }> } }>;
    containers?: Array<{ env?: Array<{ valueFrom?: { secretKeyRef?: { name?: string }; configMapKeyRef?: { name?: string } } }>; envFrom?: Array<{ secretRef?: { name?: string }; configMapRef?: { name?: string } }> }>;
    imagePullSecrets?: Array<{ name?: string }>;
  };
}

/** Whether a pod on the node refers to the object (the authorizer's graph edges, for the lab's kinds). */
function referenced(store: ObjectStore, node: string, resource: string, namespace: string, name: string): boolean {
  for (const o of store.list('pods', namespace)) {
    const p = o as unknown as PodRefs;
    if (p.spec?.nodeName !== node) continue;
    const names: string[] = [];
    for (const v of p.spec.volumes ?? []) {
      if (resource === 'secrets') names.push(v.secret?.secretName ?? '', ...(v.projected?.sources ?? []).map((s) => s.secret?.name ?? ''));
      if (resource === 'configmaps') names.push(v.configMap?.name ?? '', ...(v.projected?.sources ?? []).map((s) => s.configMap?.name ?? ''));
      if (resource === 'persistentvolumeclaims') names.push(v.persistentVolumeClaim?.claimName ?? '');
    }
    for (const c of p.spec.containers ?? []) {
      for (const e of c.env ?? []) names.push((resource === 'secrets' ? e.valueFrom?.secretKeyRef?.name : resource === 'configmaps' ? e.valueFrom?.configMapKeyRef?.name : '') ?? '');
      for (const e of c.envFrom ?? []) names.push((resource === 'secrets' ? e.secretRef?.name : resource === 'configmaps' ? e.configMapRef?.name : '') ?? '');
    }
    if (resource === 'secrets') for (const s of p.spec.imagePullSecrets ?? []) names.push(s.name ?? '');
    if (names.includes(name)) return true;
  }
  return false;
}

/** The Node authorizer's decision: undefined (no opinion) for non-node users. */
export function authorizeNode(store: ObjectStore, nodeRules: readonly PolicyRule[], a: Attributes): { allowed: boolean; reason: string } | undefined {
  const node = nodeOf(a.user);
  if (!node) return undefined;
  if (a.resourceRequest && a.apiGroup === '' && graphResources.has(a.resource) && !a.subresource) {
    if (a.verb !== 'get') return { allowed: false, reason: `can only get individual resources of this type` };
    if (!a.name) return { allowed: false, reason: 'No Object name found' };
    if (a.resource === 'persistentvolumes' || referenced(store, node, a.resource, a.namespace, a.name)) return { allowed: true, reason: '' };
    return { allowed: false, reason: `no relationship found between node '${node}' and this object` };
  }
  if (nodeRules.some((r) => ruleAllows(a, r))) return { allowed: true, reason: '' };
  return { allowed: false, reason: '' };
}
