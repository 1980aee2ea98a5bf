// kube-controller-manager's per-controller credentials (--use-service-account-credentials, kubeadm's default):
// each controller talks to the API server as `system:serviceaccount:kube-system:<name>`, authorized by the
// `system:controller:<name>` ClusterRole bound to it. Removing that binding or role makes the controller's
// writes fail with the apiserver's Forbidden error, which the controller reports as upstream does (e.g. a
// ReplicaSet's FailedCreate event). Decisions are cached per controller and request shape until RBAC changes.
import type { ApiServer } from '../api/server.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { Attributes } from './attributes.ts';
import { authorizedApi } from './authorizedapi.ts';
import type { AuthService } from './service.ts';
import { serviceAccountUser, type UserInfo } from './user.ts';

/** The lab's controller names → the ServiceAccount kube-controller-manager runs each as (cmd/kube-controller-manager/names). */
export const controllerAccounts: Record<string, string> = {
  replicaset: 'replicaset-controller',
  replicationcontroller: 'replication-controller',
  deployment: 'deployment-controller',
  statefulset: 'statefulset-controller',
  daemonset: 'daemon-set-controller',
  'endpoints-controller': 'endpoint-controller',
  'endpointslice-controller': 'endpointslice-controller',
  'serviceaccount-controller': 'service-account-controller',
  'root-ca-cert-publisher': 'root-ca-cert-publisher',
  'namespace-controller': 'namespace-controller',
  'garbage-collector': 'generic-garbage-collector',
  job: 'job-controller',
  'ttl-after-finished': 'ttl-after-finished-controller',
  cronjob: 'cronjob-controller',
  resourcequota: 'resourcequota-controller',
  disruption: 'disruption-controller',
  'node-lifecycle': 'node-controller',
  'pod-garbage-collector': 'pod-garbage-collector',
  'persistentvolume-binder': 'persistent-volume-binder',
  attachdetach: 'attachdetach-controller',
  'horizontal-pod-autoscaler': 'horizontal-pod-autoscaler',
  'clusterrole-aggregation-controller': 'clusterrole-aggregation-controller',
};

// Upstream controllers read through informer caches (their list/watch is authorized once, at start); the lab's
// read the store, so only writes are authorized.
const reads = new Set(['get', 'list', 'watch']);
const allowRead = { allowed: true, reason: '' };

/** One controller's authorizer: RBAC decisions cached by request shape, dropped when RBAC or the mode changes. */
function cachedAuthorizer(auth: AuthService, user: UserInfo): (a: Attributes) => { allowed: boolean; reason: string } {
  const cache = new Map<string, { allowed: boolean; reason: string }>();
  const namedIn = new Map<string, boolean>();
  let generation = -1;
  let mode = '';
  return (a) => {
    const m = auth.components.get('apiserver', 'authorization-mode');
    if (generation !== auth.rbac.generation || mode !== m) {
      cache.clear();
      namedIn.clear();
      generation = auth.rbac.generation;
      mode = m;
    }
    // The controller roles name no resourceNames except for objects these controllers never write, but a
    // user-made binding might: requests are keyed by name only when a rule that applies lists names.
    let named = namedIn.get(a.namespace);
    if (named === undefined) {
      named = auth.rbac.hasResourceNames(user, a.namespace);
      namedIn.set(a.namespace, named);
    }
    const key = `${a.verb}\u0000${a.apiGroup}\u0000${a.resource}\u0000${a.subresource}\u0000${a.namespace}${named ? `\u0000${a.name}` : ''}`;
    let d = cache.get(key);
    if (!d) {
      d = reads.has(a.verb) ? allowRead : auth.authorize(a);
      // The lab's controllers read-modify-write where upstream ones send an update or a patch: either grant will do.
      if (!d.allowed && (a.verb === 'update' || a.verb === 'patch')) {
        const other = auth.authorize({ ...a, verb: a.verb === 'update' ? 'patch' : 'update' });
        if (other.allowed) d = other;
        // The lab's autoscaler writes spec.replicas on the object where upstream's goes through its scale subresource.
        else if (!a.subresource) {
          const scale = auth.authorize({ ...a, verb: 'update', subresource: 'scale' });
          if (scale.allowed) d = scale;
        }
      }
      cache.set(key, d);
    }
    return d;
  };
}

/** Make every kube-controller-manager controller the lab models act as its own ServiceAccount. */
export function useControllerCredentials(rt: ClusterRuntime, auth: AuthService): void {
  const apis = new Map<string, ApiServer>();
  rt.controllers.setApiFor((controller, component) => {
    const sa = component === 'kube-controller-manager' ? controllerAccounts[controller] : undefined;
    if (!sa) return undefined;
    let api = apis.get(sa);
    if (!api) {
      const user = serviceAccountUser('kube-system', sa);
      api = authorizedApi(rt.api, user, { authorize: cachedAuthorizer(auth, user), record: () => {}, warn: () => {} });
      apis.set(sa, api);
    }
    return api;
  });
}
