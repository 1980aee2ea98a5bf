// The `system:controller:*` ClusterRoles and their bindings to kube-system ServiceAccounts
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go, with the feature gates of 1.32's
// defaults: no DRA, MultiCIDRServiceAllocator, ClusterTrustBundle, StorageVersionAPI, StorageVersionMigrator,
// SELinuxChangePolicy or VolumeAttributesClass roles). The rule builder sorts and de-duplicates verbs, groups
// and resources as rbacv1helpers.NewRule does.
import type { KubeObject } from '../api/types.ts';
import type { PolicyRule } from './rbac/types.ts';

const rbac = 'rbac.authorization.k8s.io';
const sortSet = (xs: string[]) => [...new Set(xs)].sort();

function r(verbs: string[], groups: string[], resources: string[], names?: string[]): PolicyRule {
  const rule: PolicyRule = { verbs: sortSet(verbs), apiGroups: sortSet(groups), resources: sortSet(resources) };
  if (names) rule.resourceNames = sortSet(names);
  return rule;
}

const core = '';
const apps = 'apps';
const ext = 'extensions';
const batch = 'batch';
const storage = 'storage.k8s.io';
const events = (): PolicyRule => r(['create', 'update', 'patch'], [core, 'events.k8s.io'], ['events']);
const rgw = ['get', 'list', 'watch'];

/** Controller name (after `system:controller:`) → rules, in controller_policy.go order. */
export const controllerRoles: Array<[string, PolicyRule[]]> = [
  ['attachdetach-controller', [
    r(['list', 'watch'], [core], ['persistentvolumes', 'persistentvolumeclaims']),
    r(rgw, [core], ['nodes']),
    r(['patch', 'update'], [core], ['nodes/status']),
    r(['list', 'watch'], [core], ['pods']),
    events(),
    r(['get', 'create', 'delete', 'list', 'watch'], [storage], ['volumeattachments']),
    r(rgw, [storage], ['csidrivers']),
    r(rgw, [storage], ['csinodes']),
  ]],
  ['clusterrole-aggregation-controller', [r(['escalate', 'get', 'list', 'watch', 'update', 'patch'], [rbac], ['clusterroles'])]],
  ['cronjob-controller', [
    r([...rgw, 'update'], [batch], ['cronjobs']),
    r([...rgw, 'create', 'update', 'delete', 'patch'], [batch], ['jobs']),
    r(['update'], [batch], ['cronjobs/status']),
    r(['update'], [batch], ['cronjobs/finalizers']),
    r(['list', 'watch', 'delete'], [core], ['pods']),
    events(),
  ]],
  ['daemon-set-controller', [
    r(rgw, [ext, apps], ['daemonsets']),
    r(['update'], [ext, apps], ['daemonsets/status']),
    r(['update'], [ext, apps], ['daemonsets/finalizers']),
    r(['list', 'watch'], [core], ['nodes']),
    r(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    r(['create'], [core], ['pods/binding']),
    r([...rgw, 'create', 'delete', 'update', 'patch'], [apps], ['controllerrevisions']),
    events(),
  ]],
  ['deployment-controller', [
    r([...rgw, 'update'], [ext, apps], ['deployments']),
    r(['update'], [ext, apps], ['deployments/status']),
    r(['update'], [ext, apps], ['deployments/finalizers']),
    r([...rgw, 'create', 'update', 'patch', 'delete'], [apps, ext], ['replicasets']),
    r([...rgw, 'update'], [core], ['pods']),
    events(),
  ]],
  ['disruption-controller', [
    r(rgw, [ext, apps], ['deployments']),
    r(rgw, [apps, ext], ['replicasets']),
    r(rgw, [core], ['replicationcontrollers']),
    r(rgw, ['policy'], ['poddisruptionbudgets']),
    r(rgw, [apps], ['statefulsets']),
    r(['update'], ['policy'], ['poddisruptionbudgets/status']),
    r(['patch', 'update'], [core], ['pods/status']),
    r(['get'], ['*'], ['*/scale']),
    events(),
  ]],
  ['endpoint-controller', [
    r(rgw, [core], ['services', 'pods']),
    r([...rgw, 'create', 'update', 'delete'], [core], ['endpoints']),
    r(['create'], [core], ['endpoints/restricted']),
    events(),
  ]],
  ['endpointslice-controller', [
    r(rgw, [core], ['services', 'pods', 'nodes']),
    r(['update'], [core], ['services/finalizers']),
    r([...rgw, 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
    events(),
  ]],
  ['endpointslicemirroring-controller', [
    r(rgw, [core], ['services', 'endpoints']),
    r(['update'], [core], ['services/finalizers']),
    r(['update'], [core], ['endpoints/finalizers']),
    r([...rgw, 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
    events(),
  ]],
  ['expand-controller', [
    r([...rgw, 'update', 'patch'], [core], ['persistentvolumes']),
    r(['update', 'patch'], [core], ['persistentvolumeclaims/status']),
    r(rgw, [core], ['persistentvolumeclaims']),
    events(),
    r(['get'], [core], ['services']),
  ]],
  ['ephemeral-volume-controller', [
    r(rgw, [core], ['pods']),
    r(['update'], [core], ['pods/finalizers']),
    r([...rgw, 'create'], [core], ['persistentvolumeclaims']),
    events(),
  ]],
  ['generic-garbage-collector', [r([...rgw, 'patch', 'update', 'delete'], ['*'], ['*']), events()]],
  ['horizontal-pod-autoscaler', [
    r(rgw, ['autoscaling'], ['horizontalpodautoscalers']),
    r(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']),
    r(['get', 'update'], ['*'], ['*/scale']),
    r(['list', 'watch'], [core], ['pods']),
    r(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
    r(rgw, ['custom.metrics.k8s.io'], ['*']),
    r(rgw, ['external.metrics.k8s.io'], ['*']),
    events(),
  ]],
  ['job-controller', [
    r([...rgw, 'update', 'patch'], [batch], ['jobs']),
    r(['update'], [batch], ['jobs/status']),
    r(['update'], [batch], ['jobs/finalizers']),
    r(['list', 'watch', 'create', 'delete', 'patch'], [core], ['pods']),
    events(),
  ]],
  ['namespace-controller', [
    r([...rgw, 'delete'], [core], ['namespaces']),
    r(['update'], [core], ['namespaces/finalize', 'namespaces/status']),
    r([...rgw, 'delete', 'deletecollection'], ['*'], ['*']),
  ]],
  ['node-controller', [
    r([...rgw, 'update', 'delete', 'patch'], [core], ['nodes']),
    r(['patch', 'update'], [core], ['nodes/status']),
    r(['patch', 'update'], [core], ['pods/status']),
    r(['list', 'watch', 'get', 'delete'], [core], ['pods']),
    events(),
  ]],
  ['persistent-volume-binder', [
    r([...rgw, 'update', 'create', 'delete'], [core], ['persistentvolumes']),
    r(['update'], [core], ['persistentvolumes/status']),
    r([...rgw, 'update'], [core], ['persistentvolumeclaims']),
    r(['update'], [core], ['persistentvolumeclaims/status']),
    r(['list', 'watch', 'get', 'create', 'delete'], [core], ['pods']),
    r(rgw, [storage], ['storageclasses']),
    r(['list', 'watch'], [core], ['nodes']),
    events(),
    r(['watch'], [core], ['events']),
    r(['get'], [core], ['services']),
  ]],
  ['pod-garbage-collector', [r(['list', 'watch', 'delete'], [core], ['pods']), r(rgw, [core], ['nodes']), r(['patch'], [core], ['pods/status'])]],
  ['replicaset-controller', [
    r([...rgw, 'update'], [apps, ext], ['replicasets']),
    r(['update'], [apps, ext], ['replicasets/status']),
    r(['update'], [apps, ext], ['replicasets/finalizers']),
    r(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    events(),
  ]],
  ['replication-controller', [
    r([...rgw, 'update'], [core], ['replicationcontrollers']),
    r(['update'], [core], ['replicationcontrollers/status']),
    r(['update'], [core], ['replicationcontrollers/finalizers']),
    r(['list', 'watch', 'patch', 'create', 'delete'], [core], ['pods']),
    events(),
  ]],
  ['resourcequota-controller', [r(['list', 'watch'], ['*'], ['*']), r(['update'], [core], ['resourcequotas/status']), events()]],
  ['route-controller', [r(['list', 'watch'], [core], ['nodes']), r(['patch'], [core], ['nodes/status']), events()]],
  ['service-account-controller', [r(['create'], [core], ['serviceaccounts']), events()]],
  ['service-controller', [r(rgw, [core], ['services']), r(['patch', 'update'], [core], ['services/status']), r(['list', 'watch'], [core], ['nodes']), events()]],
  ['statefulset-controller', [
    r(['list', 'watch'], [core], ['pods']),
    r(rgw, [apps], ['statefulsets']),
    r(['update'], [apps], ['statefulsets/status']),
    r(['update'], [apps], ['statefulsets/finalizers']),
    r(['get', 'create', 'delete', 'update', 'patch'], [core], ['pods']),
    r(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [apps], ['controllerrevisions']),
    r(['get', 'create', 'list', 'watch'], [core], ['persistentvolumeclaims']),
    r(['update', 'delete'], [core], ['persistentvolumeclaims']),
    r(['update'], [core], ['pods/finalizers']),
    events(),
  ]],
  ['ttl-controller', [r(['update', 'patch', 'list', 'watch'], [core], ['nodes']), events()]],
  ['certificate-controller', [
    r([...rgw, 'delete'], ['certificates.k8s.io'], ['certificatesigningrequests']),
    r(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
    r(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    r(['sign'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/legacy-unknown', 'kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving']),
    r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    events(),
  ]],
  ['pvc-protection-controller', [r([...rgw, 'update'], [core], ['persistentvolumeclaims']), r(['list', 'watch', 'get'], [core], ['pods']), events()]],
  ['pv-protection-controller', [r([...rgw, 'update'], [core], ['persistentvolumes']), events()]],
  ['ttl-after-finished-controller', [r([...rgw, 'delete'], [batch], ['jobs']), events()]],
  ['root-ca-cert-publisher', [r(['create', 'update'], [core], ['configmaps']), events()]],
  ['validatingadmissionpolicy-status-controller', [
    r(rgw, ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']),
    r(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']),
    events(),
  ]],
  ['legacy-service-account-token-cleaner', [r(['get'], [core], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']), r(['patch', 'delete'], [core], ['secrets'])]],
];

const labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

export function controllerClusterRoles(): KubeObject[] {
  return controllerRoles.map(([name, rules]) => ({ apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name: `system:controller:${name}`, labels: { ...labels }, annotations: { ...annotations } }, rules }) as unknown as KubeObject);
}

export function controllerClusterRoleBindings(): KubeObject[] {
  return controllerRoles.map(
    ([name]) =>
      ({
        apiVersion: `${rbac}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: `system:controller:${name}`, labels: { ...labels }, annotations: { ...annotations } },
        roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: `system:controller:${name}` },
        subjects: [{ kind: 'ServiceAccount', name, namespace: 'kube-system' }],
      }) as unknown as KubeObject,
  );
}
