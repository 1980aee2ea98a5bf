import type { KubeObject, ResourceType } from '../../api/types.ts';
import { StatusError } from '../../api/types.ts';

/**
 * Server-side strict field validation (kubectl 1.32 sends fieldValidation=Strict): unknown fields are
 * rejected with `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: unknown
 * field "spec.replica"`. Kubelab knows the fields of the kinds users most often write by hand (below);
 * other kinds are not checked.
 */
type Schema = { [field: string]: Schema | 'leaf' | [Schema | 'leaf'] | 'map' };

const L = 'leaf' as const;
const M = 'map' as const;

const objectMeta: Schema = {
  name: L, generateName: L, namespace: L, selfLink: L, uid: L, resourceVersion: L, generation: L,
  creationTimestamp: L, deletionTimestamp: L, deletionGracePeriodSeconds: L, labels: M, annotations: M,
  ownerReferences: L, finalizers: L, managedFields: L,
};

const envVar: Schema = { name: L, value: L, valueFrom: L };
const containerPort: Schema = { name: L, hostPort: L, containerPort: L, protocol: L, hostIP: L };
const volumeMount: Schema = { name: L, readOnly: L, recursiveReadOnly: L, mountPath: L, subPath: L, mountPropagation: L, subPathExpr: L };
const container: Schema = {
  name: L, image: L, command: L, args: L, workingDir: L, ports: [containerPort], envFrom: L, env: [envVar],
  resources: L, resizePolicy: L, restartPolicy: L, volumeMounts: [volumeMount], volumeDevices: L,
  livenessProbe: L, readinessProbe: L, startupProbe: L, lifecycle: L, terminationMessagePath: L,
  terminationMessagePolicy: L, imagePullPolicy: L, securityContext: L, stdin: L, stdinOnce: L, tty: L,
};
const podSpec: Schema = {
  volumes: L, initContainers: [container], containers: [container], ephemeralContainers: L, restartPolicy: L,
  terminationGracePeriodSeconds: L, activeDeadlineSeconds: L, dnsPolicy: L, nodeSelector: M,
  serviceAccountName: L, serviceAccount: L, automountServiceAccountToken: L, nodeName: L, hostNetwork: L,
  hostPID: L, hostIPC: L, shareProcessNamespace: L, securityContext: L, imagePullSecrets: L, hostname: L,
  subdomain: L, affinity: L, schedulerName: L, tolerations: L, hostAliases: L, priorityClassName: L,
  priority: L, dnsConfig: L, readinessGates: L, runtimeClassName: L, enableServiceLinks: L,
  preemptionPolicy: L, overhead: L, topologySpreadConstraints: L, setHostnameAsFQDN: L, os: L, hostUsers: L,
  schedulingGates: L, resourceClaims: L,
};
const template: Schema = { metadata: objectMeta, spec: podSpec };
const top = (spec: Schema): Schema => ({ apiVersion: L, kind: L, metadata: objectMeta, spec, status: L });

const schemas: Record<string, Schema> = {
  Pod: top(podSpec),
  Deployment: top({
    replicas: L, selector: L, template, strategy: L, minReadySeconds: L, revisionHistoryLimit: L, paused: L,
    progressDeadlineSeconds: L,
  }),
  ReplicaSet: top({ replicas: L, minReadySeconds: L, selector: L, template }),
  ReplicationController: top({ replicas: L, minReadySeconds: L, selector: M, template }),
  Service: top({
    ports: [{ name: L, protocol: L, appProtocol: L, port: L, targetPort: L, nodePort: L }], selector: M,
    clusterIP: L, clusterIPs: L, type: L, externalIPs: L, sessionAffinity: L, loadBalancerIP: L,
    loadBalancerSourceRanges: L, externalName: L, externalTrafficPolicy: L, healthCheckNodePort: L,
    publishNotReadyAddresses: L, sessionAffinityConfig: L, ipFamilies: L, ipFamilyPolicy: L,
    allocateLoadBalancerNodePorts: L, loadBalancerClass: L, internalTrafficPolicy: L, trafficDistribution: L,
  }),
  ConfigMap: { apiVersion: L, kind: L, metadata: objectMeta, immutable: L, data: M, binaryData: M },
  Secret: { apiVersion: L, kind: L, metadata: objectMeta, immutable: L, data: M, stringData: M, type: L },
  Namespace: top({ finalizers: L }),
  ServiceAccount: { apiVersion: L, kind: L, metadata: objectMeta, secrets: L, imagePullSecrets: L, automountServiceAccountToken: L },
};

function walk(v: unknown, s: Schema | 'leaf' | 'map' | [Schema | 'leaf'], path: string, out: string[]): void {
  if (s === L || s === M || v === null || typeof v !== 'object') return;
  if (Array.isArray(s)) {
    if (Array.isArray(v)) v.forEach((x) => walk(x, s[0], path, out));
    return;
  }
  if (Array.isArray(v)) return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in s)) out.push(p);
    else walk(x, s[k], p, out);
  }
}

/** Unknown field paths of an object (empty when all known or the kind is not covered). */
export function unknownFields(kind: string, obj: unknown): string[] {
  const s = schemas[kind];
  if (!s) return [];
  const out: string[] = [];
  walk(obj, s, '', out);
  return out;
}

/** Throw the apiserver's strict decoding error when the object has unknown fields. */
export function checkFields(rt: ResourceType, obj: KubeObject): void {
  const unknown = unknownFields(rt.kind, obj);
  if (unknown.length === 0) return;
  throw new StatusError(
    400,
    'BadRequest',
    `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
  );
}
