/**
 * What `lab addon enable ingress` installs, after the ingress-nginx "baremetal" deploy manifest
 * (controller-v1.12.0, as minikube's ingress addon): the ingress-nginx namespace, the controller's
 * ServiceAccount, the `nginx` IngressClass (marked default, as minikube does), the controller Deployment
 * and its NodePort Service (LoadBalancer when the cluster has an address pool).
 */
import type { KubeObject } from '../../api/types.ts';

export const INGRESS_NS = 'ingress-nginx';
export const CONTROLLER_NAME = 'ingress-nginx-controller';
export const CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
/** As the upstream deploy manifest pins it: tag and digest. */
export const CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.12.0@sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa';
export const EVENT_SOURCE = { component: 'nginx-ingress-controller' };

const labels = (component?: string): Record<string, string> => ({
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/part-of': 'ingress-nginx',
  'app.kubernetes.io/version': '1.12.0',
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
});

/** The controller's probes (GET /healthz on 10254), as in the deploy manifest. */
const healthz = (failureThreshold: number) => ({
  failureThreshold,
  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  successThreshold: 1,
  timeoutSeconds: 1,
});

const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

/**
 * `layout` deployment: a Deployment behind a NodePort/LoadBalancer Service. `hostport`: the bare-metal layout of
 * the ingress-nginx docs, a DaemonSet whose pods publish hostPort 80/443 on every node, with a ClusterIP Service.
 */
export function ingressAddonObjects(serviceType: 'NodePort' | 'LoadBalancer' | 'ClusterIP', layout: 'deployment' | 'hostport' = 'deployment'): KubeObject[] {
  const hostPort = layout === 'hostport';
  const objs = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INGRESS_NS, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx', namespace: INGRESS_NS, labels: labels('controller') }, automountServiceAccountToken: true },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels: labels('controller'), annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: CONTROLLER_CLASS },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: CONTROLLER_NAME, namespace: INGRESS_NS, labels: labels('controller') },
      spec: {
        type: serviceType,
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        selector,
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: hostPort ? 'DaemonSet' : 'Deployment',
      metadata: { name: CONTROLLER_NAME, namespace: INGRESS_NS, labels: labels('controller') },
      spec: {
        ...(hostPort ? {} : { replicas: 1 }),
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        selector: { matchLabels: selector },
        ...(hostPort ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } } : { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }),
        template: {
          metadata: { labels: { ...labels('controller') } },
          spec: {
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 300,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'controller',
                image: CONTROLLER_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '/nginx-ingress-controller',
                  `--election-id=${CONTROLLER_NAME}`,
                  `--controller-class=${CONTROLLER_CLASS}`,
                  '--ingress-class=nginx',
                  `--configmap=$(POD_NAMESPACE)/${CONTROLLER_NAME}`,
                  ...(serviceType === 'LoadBalancer' ? [`--publish-service=$(POD_NAMESPACE)/${CONTROLLER_NAME}`] : []),
                ],
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                ],
                ports: [
                  { name: 'http', containerPort: 80, protocol: 'TCP', ...(hostPort ? { hostPort: 80 } : {}) },
                  { name: 'https', containerPort: 443, protocol: 'TCP', ...(hostPort ? { hostPort: 443 } : {}) },
                  { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
                ],
                livenessProbe: healthz(5),
                readinessProbe: healthz(3),
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
              },
            ],
          },
        },
      },
    },
  ];
  return objs as KubeObject[];
}
