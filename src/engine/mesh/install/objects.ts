import type { KubeObject } from '../../api/types.ts';
import { istioCrdNames, istioKinds } from '../../api/kinds/istio/index.ts';
import { ISTIO_VERSION } from '../../images/apps/istio/index.ts';
import { ISTIO_NS } from '../webhooks.ts';
import type { Profile } from './profiles.ts';

const PILOT_IMAGE = `docker.io/istio/pilot:${ISTIO_VERSION}`;
const PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`;

const commonLabels = (component: string) => ({
  'app.kubernetes.io/instance': 'istio',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/part-of': 'istio',
  'app.kubernetes.io/version': ISTIO_VERSION,
  'install.operator.istio.io/owning-resource': 'unknown',
  'istio.io/rev': 'default',
  'operator.istio.io/component': component,
});

/** The CRDs (base chart), for the kinds Kubelab serves. */
export function crdObjects(): KubeObject[] {
  return istioCrdNames.map((name) => {
    const rt = istioKinds.find((k) => `${k.plural}.${k.group}` === name)!;
    const versions = [rt.version, ...(rt.alternateVersions ?? []).map((a) => a.version)];
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name, labels: { 'app.kubernetes.io/instance': 'istio', 'app.kubernetes.io/part-of': 'istio', 'app.kubernetes.io/version': ISTIO_VERSION, chart: 'istio', heritage: 'Tiller', release: 'istio' } },
      spec: {
        group: rt.group,
        names: { kind: rt.kind, listKind: `${rt.kind}List`, plural: rt.plural, singular: rt.singular, shortNames: rt.shortNames.length ? rt.shortNames : undefined, categories: rt.categories },
        scope: 'Namespaced',
        versions: versions.map((v) => ({ name: v, served: true, storage: v === 'v1beta1', subresources: { status: {} } })),
      },
    };
  });
}

/**
 * A gateway's ServiceAccount, Deployment and Service. The demo profile opens two more ingress ports
 * (manifests/profiles/demo.yaml): tcp 31400 and tls 15443 ("where sni routing happens").
 */
function gatewayObjects(name: 'istio-ingressgateway' | 'istio-egressgateway', demoPorts = false): KubeObject[] {
  const ingress = name === 'istio-ingressgateway';
  const istioLabel = ingress ? 'ingressgateway' : 'egressgateway';
  const component = ingress ? 'IngressGateways' : 'EgressGateways';
  const labels = { app: name, istio: istioLabel, 'istio.io/rev': 'default', 'operator.istio.io/component': component };
  const sa = `${name}-service-account`;
  const ports = ingress
    ? [
        { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
        { name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
        ...(demoPorts
          ? [
              { name: 'tcp', port: 31400, protocol: 'TCP', targetPort: 31400 },
              { name: 'tls', port: 15443, protocol: 'TCP', targetPort: 15443 },
            ]
          : []),
      ]
    : [
        { name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
      ];
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ISTIO_NS, labels: { ...commonLabels(component), app: name, istio: istioLabel } } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ISTIO_NS, labels: { ...commonLabels(component), ...labels } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name, istio: istioLabel } },
        strategy: { rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
        template: {
          metadata: {
            labels: { ...labels, chart: 'gateways', heritage: 'Tiller', release: 'istio', 'sidecar.istio.io/inject': 'false', 'service.istio.io/canonical-name': name, 'service.istio.io/canonical-revision': 'latest' },
            annotations: { 'istio.io/rev': 'default', 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' },
          },
          spec: {
            serviceAccountName: sa,
            containers: [
              {
                name: 'istio-proxy',
                image: PROXY_IMAGE,
                args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
                ports: [
                  { containerPort: 15021, protocol: 'TCP' },
                  { containerPort: 8080, protocol: 'TCP' },
                  { containerPort: 8443, protocol: 'TCP' },
                  ...(demoPorts ? [{ containerPort: 31400, protocol: 'TCP' }, { containerPort: 15443, protocol: 'TCP' }] : []),
                  { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
                ],
                readinessProbe: { failureThreshold: 30, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, initialDelaySeconds: 1, periodSeconds: 2, successThreshold: 1, timeoutSeconds: 1 },
                resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
                  { name: 'INSTANCE_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
                  { name: 'ISTIO_META_WORKLOAD_NAME', value: name },
                  { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ISTIO_NS, labels: { ...commonLabels(component), ...labels } },
      spec: { type: ingress ? 'LoadBalancer' : 'ClusterIP', selector: { app: name, istio: istioLabel }, ports },
    },
  ];
}

/** Everything `istioctl install` creates for a profile, in apply order (namespace and CRDs first). */
export function installObjects(p: Profile): { component: string; objects: KubeObject[] }[] {
  const core: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ISTIO_NS } },
    ...crdObjects(),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'istio-reader-service-account', namespace: ISTIO_NS, labels: { ...commonLabels('Base'), app: 'istio-reader' } } },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'istiod-default-validator', labels: { ...commonLabels('Base'), app: 'istiod', istio: 'istiod', 'istio.io/tag': 'default' } },
      webhooks: [validatingWebhook('validation.istio.io')],
    },
  ];
  const out = [{ component: 'Istio core', objects: core }];
  if (p.pilot) {
    const labels = { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default', 'operator.istio.io/component': 'Pilot' };
    out.push({
      component: 'Istiod',
      objects: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'istiod', namespace: ISTIO_NS, labels: { ...commonLabels('Pilot'), app: 'istiod' } } },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'istio', namespace: ISTIO_NS, labels: { ...commonLabels('Pilot'), app: 'istiod' } },
          data: {
            mesh: `${p.accessLogs ? 'accessLogFile: /dev/stdout\n' : ''}defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ndefaultProviders:\n  metrics:\n  - prometheus\nenablePrometheusMerge: true\nrootNamespace: istio-system\ntrustDomain: cluster.local\n`,
            meshNetworks: 'networks: {}',
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'istiod', namespace: ISTIO_NS, labels: { ...commonLabels('Pilot'), ...labels } },
          spec: {
            replicas: 1,
            selector: { matchLabels: { istio: 'pilot' } },
            strategy: { rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
            template: {
              metadata: {
                labels: { ...labels, 'sidecar.istio.io/inject': 'false' },
                annotations: { 'prometheus.io/port': '15014', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' },
              },
              spec: {
                serviceAccountName: 'istiod',
                containers: [
                  {
                    name: 'discovery',
                    image: PILOT_IMAGE,
                    args: ['discovery', '--monitoringAddr=:15014', '--log_output_level=default:info', '--domain', 'cluster.local', '--keepaliveMaxServerConnectionAge', '30m'],
                    ports: [
                      { containerPort: 8080, name: 'http-debug', protocol: 'TCP' },
                      { containerPort: 15010, name: 'grpc-xds', protocol: 'TCP' },
                      { containerPort: 15012, name: 'tls-xds', protocol: 'TCP' },
                      { containerPort: 15017, name: 'https-webhooks', protocol: 'TCP' },
                      { containerPort: 15014, name: 'http-monitoring', protocol: 'TCP' },
                    ],
                    readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 1, periodSeconds: 3, successThreshold: 1, timeoutSeconds: 5 },
                    resources: { requests: p.pilotRequests },
                    env: [
                      { name: 'REVISION', value: 'default' },
                      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
                      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
                      { name: 'CLUSTER_ID', value: 'Kubernetes' },
                    ],
                  },
                ],
              },
            },
          },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'istiod', namespace: ISTIO_NS, labels: { ...commonLabels('Pilot'), app: 'istiod', istio: 'pilot' } },
          spec: {
            selector: { app: 'istiod', istio: 'pilot' },
            ports: [
              { name: 'grpc-xds', port: 15010, protocol: 'TCP' },
              { name: 'https-dns', port: 15012, protocol: 'TCP' },
              { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 },
              { name: 'http-monitoring', port: 15014, protocol: 'TCP' },
            ],
          },
        },
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'MutatingWebhookConfiguration',
          metadata: { name: 'istio-sidecar-injector', labels: { ...commonLabels('Pilot'), app: 'sidecar-injector' } },
          webhooks: ['rev.namespace', 'rev.object', 'namespace', 'object'].map((n) => injectorWebhook(`${n}.sidecar-injector.istio.io`)),
        },
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: { name: 'istio-validator-istio-system', labels: { ...commonLabels('Pilot'), app: 'istiod', istio: 'istiod' } },
          webhooks: [validatingWebhook('rev.validation.istio.io')],
        },
      ],
    });
  }
  if (p.egressGateway) out.push({ component: 'Egress gateways', objects: gatewayObjects('istio-egressgateway') });
  if (p.ingressGateway) out.push({ component: 'Ingress gateways', objects: gatewayObjects('istio-ingressgateway', p.name === 'demo') });
  return out;
}

function clientConfig(path: string) {
  return { service: { name: 'istiod', namespace: ISTIO_NS, path, port: 443 } };
}

function validatingWebhook(name: string) {
  return {
    name,
    admissionReviewVersions: ['v1'],
    clientConfig: clientConfig('/validate'),
    failurePolicy: 'Ignore',
    matchPolicy: 'Equivalent',
    rules: [{ apiGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['*'], scope: '*' }],
    sideEffects: 'None',
    timeoutSeconds: 10,
  };
}

function injectorWebhook(name: string) {
  return {
    name,
    admissionReviewVersions: ['v1'],
    clientConfig: clientConfig('/inject'),
    failurePolicy: 'Fail',
    matchPolicy: 'Equivalent',
    reinvocationPolicy: 'Never',
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: '*' }],
    sideEffects: 'None',
    timeoutSeconds: 10,
  };
}
