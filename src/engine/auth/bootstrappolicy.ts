// The default ClusterRoles and ClusterRoleBindings the apiserver reconciles at start-up
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, as its testdata/cluster-roles.yaml lists them), plus the
// binding kubeadm adds for its admin kubeconfig's group.
import type { KubeObject } from '../api/types.ts';
import type { PolicyRule } from './rbac/types.ts';

const rbac = 'rbac.authorization.k8s.io';
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const rw = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const eventWrite = ['create', 'patch', 'update'];

/** A resource rule: verbs, API groups, resources, optional resourceNames. */
function r(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule {
  return resourceNames ? { apiGroups, resourceNames, resources, verbs } : { apiGroups, resources, verbs };
}
/** A non-resource rule. */
function u(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { nonResourceURLs, verbs };
}

interface RoleDef {
  name: string;
  rules?: PolicyRule[];
  aggregateTo?: string;
  aggregateFrom?: string;
}

const roles: RoleDef[] = [
  { name: 'admin', aggregateFrom: 'admin' },
  { name: 'cluster-admin', rules: [r(['*'], ['*'], ['*']), u(['*'], ['*'])] },
  { name: 'edit', aggregateFrom: 'edit', aggregateTo: 'admin' },
  {
    name: 'system:aggregate-to-admin',
    aggregateTo: 'admin',
    rules: [r(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']), r(rw, [rbac], ['rolebindings', 'roles'])],
  },
  {
    name: 'system:aggregate-to-edit',
    aggregateTo: 'edit',
    rules: [
      r(read, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
      r(['impersonate'], [''], ['serviceaccounts']),
      r(write, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
      r(['create'], [''], ['pods/eviction']),
      r(write, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
      r(['create'], [''], ['serviceaccounts/token']),
      r(write, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
      r(write, ['autoscaling'], ['horizontalpodautoscalers']),
      r(write, ['batch'], ['cronjobs', 'jobs']),
      r(write, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
      r(write, ['policy'], ['poddisruptionbudgets']),
      r(write, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
      r(rw, ['coordination.k8s.io'], ['leases']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    aggregateTo: 'view',
    rules: [
      r(read, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
      r(read, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
      r(read, [''], ['namespaces']),
      r(read, ['discovery.k8s.io'], ['endpointslices']),
      r(read, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
      r(read, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      r(read, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
      r(read, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
      r(read, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      r(read, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
    ],
  },
  { name: 'system:auth-delegator', rules: [r(['create'], ['authentication.k8s.io'], ['tokenreviews']), r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])] },
  {
    name: 'system:basic-user',
    rules: [r(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), r(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])],
  },
  { name: 'system:discovery', rules: [u(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      r(eventWrite, ['', 'events.k8s.io'], ['events']),
      r(['create'], ['coordination.k8s.io'], ['leases']),
      r(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
      r(['create'], [''], ['secrets', 'serviceaccounts']),
      r(['delete'], [''], ['secrets']),
      r(['get'], [''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
      r(['update'], [''], ['secrets', 'serviceaccounts']),
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      r(['list', 'watch'], ['*'], ['*']),
      r(['create'], [''], ['serviceaccounts/token']),
    ],
  },
  {
    name: 'system:kube-scheduler',
    rules: [
      r(eventWrite, ['', 'events.k8s.io'], ['events']),
      r(['create'], ['coordination.k8s.io'], ['leases']),
      r(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
      r(read, [''], ['nodes']),
      r(['delete', 'get', 'list', 'watch'], [''], ['pods']),
      r(['create'], [''], ['bindings', 'pods/binding']),
      r(['patch', 'update'], [''], ['pods/status']),
      r(read, [''], ['replicationcontrollers', 'services']),
      r(read, ['apps', 'extensions'], ['replicasets']),
      r(read, ['apps'], ['statefulsets']),
      r(read, ['policy'], ['poddisruptionbudgets']),
      r(read, [''], ['persistentvolumeclaims', 'persistentvolumes']),
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      r(read, ['storage.k8s.io'], ['csinodes']),
      r(read, [''], ['namespaces']),
      r(read, ['storage.k8s.io'], ['csidrivers']),
      r(read, ['storage.k8s.io'], ['csistoragecapacities']),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [u(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])],
  },
  {
    name: 'system:node',
    rules: [
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
      r(read, [''], ['services']),
      r(['create', 'get', 'list', 'watch'], [''], ['nodes']),
      r(['patch', 'update'], [''], ['nodes/status']),
      r(['patch', 'update'], [''], ['nodes']),
      r(eventWrite, [''], ['events']),
      r(read, [''], ['pods']),
      r(['create', 'delete'], [''], ['pods']),
      r(['patch', 'update'], [''], ['pods/status']),
      r(['create'], [''], ['pods/eviction']),
      r(read, [''], ['configmaps', 'secrets']),
      r(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
      r(['get'], [''], ['endpoints']),
      r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
      r(['create', 'delete', 'get', 'patch', 'update'], ['coordination.k8s.io'], ['leases']),
      r(['get'], ['storage.k8s.io'], ['volumeattachments']),
      r(['create'], [''], ['serviceaccounts/token']),
      r(['get', 'patch', 'update'], [''], ['persistentvolumeclaims/status']),
      r(read, ['storage.k8s.io'], ['csidrivers']),
      r(['create', 'delete', 'get', 'patch', 'update'], ['storage.k8s.io'], ['csinodes']),
      r(read, ['node.k8s.io'], ['runtimeclasses']),
    ],
  },
  {
    name: 'system:node-proxier',
    rules: [
      r(['list', 'watch'], [''], ['endpoints', 'services']),
      r(read, [''], ['nodes']),
      r(eventWrite, ['', 'events.k8s.io'], ['events']),
      r(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ],
  },
  { name: 'system:public-info-viewer', rules: [u(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])] },
  { name: 'system:service-account-issuer-discovery', rules: [u(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])] },
  { name: 'view', aggregateFrom: 'view', aggregateTo: 'edit' },
];

interface BindingDef {
  name: string;
  role: string;
  subjects: Array<[kind: 'User' | 'Group', name: string]>;
  /** Not part of the apiserver's defaults (kubeadm creates it). */
  kubeadm?: boolean;
}

const bindings: BindingDef[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [['Group', 'system:masters']] },
  { name: 'kubeadm:cluster-admins', role: 'cluster-admin', subjects: [['Group', 'kubeadm:cluster-admins']], kubeadm: true },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [['Group', 'system:authenticated']] },
  { name: 'system:discovery', role: 'system:discovery', subjects: [['Group', 'system:authenticated']] },
  { name: 'system:kube-controller-manager', role: 'system:kube-controller-manager', subjects: [['User', 'system:kube-controller-manager']] },
  { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: [['User', 'system:kube-scheduler']] },
  { name: 'system:monitoring', role: 'system:monitoring', subjects: [['Group', 'system:monitoring']] },
  { name: 'system:node', role: 'system:node', subjects: [] },
  { name: 'system:node-proxier', role: 'system:node-proxier', subjects: [['User', 'system:kube-proxy']] },
  {
    name: 'system:public-info-viewer',
    role: 'system:public-info-viewer',
    subjects: [
      ['Group', 'system:authenticated'],
      ['Group', 'system:unauthenticated'],
    ],
  },
  { name: 'system:service-account-issuer-discovery', role: 'system:service-account-issuer-discovery', subjects: [['Group', 'system:serviceaccounts']] },
];

const defaultsLabel = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const autoupdate = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** The bootstrap ClusterRoles, as objects to create. */
export function bootstrapClusterRoles(): KubeObject[] {
  return roles.map((d) => {
    const labels: Record<string, string> = { ...defaultsLabel };
    if (d.aggregateTo) labels[`rbac.authorization.k8s.io/aggregate-to-${d.aggregateTo}`] = 'true';
    const o: Record<string, unknown> = {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: d.name, labels, annotations: { ...autoupdate } },
    };
    if (d.aggregateFrom) o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${d.aggregateFrom}`]: 'true' } }] };
    if (d.rules) o.rules = d.rules;
    return o as unknown as KubeObject;
  });
}

/** The bootstrap ClusterRoleBindings, as objects to create. */
export function bootstrapClusterRoleBindings(): KubeObject[] {
  return bindings.map((d) => {
    const o: Record<string, unknown> = {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: d.kubeadm ? { name: d.name } : { name: d.name, labels: { ...defaultsLabel }, annotations: { ...autoupdate } },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: d.role },
    };
    if (d.subjects.length > 0) o.subjects = d.subjects.map(([kind, name]) => ({ apiGroup: rbac, kind, name }));
    return o as unknown as KubeObject;
  });
}
