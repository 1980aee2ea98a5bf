// Test fixtures for the describer tables: small lab states built through kubectl, plus a pod bound to a
// node no kubelet runs ("ghost") whose status the test writes itself, so container states are exact.
import type { KubeObject } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../index.ts';
import { clone } from '../../store/store.ts';

export const podManifest = `apiVersion: v1
kind: Pod
metadata:
  name: spec-only
  labels: {app: demo, tier: web}
  annotations: {note: hello}
spec:
  automountServiceAccountToken: false
  nodeSelector: {disk: ssd}
  tolerations:
  - {key: dedicated, operator: Equal, value: db, effect: NoSchedule}
  - {operator: Exists}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: demo}}}
  initContainers:
  - name: init
    image: busybox:1.36
    command: [sh, -c, "echo one\\necho two"]
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 80}
    - {containerPort: 53, protocol: UDP, hostPort: 5353}
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {cpu: "1", memory: 128Mi}
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      initialDelaySeconds: 3
      periodSeconds: 3
    readinessProbe:
      tcpSocket: {port: 80}
    startupProbe:
      exec: {command: [cat, /tmp/ready]}
      failureThreshold: 30
    env:
    - {name: PLAIN, value: hello}
    - {name: TWO_LINES, value: "a\\nb"}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: NODE_NAME, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: MEM_MB, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
    - {name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode, optional: true}}}
    envFrom:
    - configMapRef: {name: settings}
    - prefix: S_
      secretRef: {name: creds, optional: true}
    volumeMounts:
    - {name: data, mountPath: /data, subPath: app}
    - {name: config, mountPath: /etc/app, readOnly: true}
  volumes:
  - name: config
    configMap: {name: settings}
  - name: data
    emptyDir: {medium: Memory, sizeLimit: 1Gi}
  - name: creds
    secret: {secretName: creds, optional: true}
  - name: logs
    hostPath: {path: /var/log}
  - name: claim
    persistentVolumeClaim: {claimName: data-0, readOnly: true}
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu}}
`;

export const ghostPodManifest = `apiVersion: v1
kind: Pod
metadata:
  name: ghost
spec:
  nodeName: ghost
  automountServiceAccountToken: false
  containers:
  - name: web
    image: nginx:1.27
  - name: worker
    image: busybox:1.36
    command: [sleep, "3600"]
  - name: starting
    image: busybox:1.36
`;

/** A cluster with no workers (the control plane only) at 2025-01-01T00:00:00Z, seed 1. */
export function emptyCluster(): Cluster {
  return createCluster({ seed: 1, nodes: 0 });
}

export function apply(c: Cluster, yaml: string): void {
  c.writeFile('/fixture.yaml', yaml);
  const r = c.run('kubectl apply -f /fixture.yaml');
  if (r.exitCode !== 0) throw new Error(r.stderr);
}

/** Write a status onto a stored object (what a kubelet would do), bypassing no API rules. */
export function setStatus(c: Cluster, resource: string, name: string, status: Record<string, unknown>, namespace = 'default'): void {
  const api = c.runtime.api;
  const o = clone(api.get(resource, namespace, name)) as KubeObject & { status?: Record<string, unknown> };
  o.status = { ...(o.status ?? {}), ...status };
  api.updateStatus(o);
}

export const objectsManifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: {app: demo}
data:
  mode: |
    fast
    safe
binaryData:
  blob: AAECAwQ=
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
data:
  password: aHVudGVyMg==
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
secrets:
- name: creds
- name: missing
imagePullSecrets:
- name: regcred
---
apiVersion: v1
kind: Secret
metadata:
  name: robot-token
  annotations:
    kubernetes.io/service-account.name: robot
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
spec:
  hard: {pods: "10", requests.memory: 1Gi}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
  - type: Container
    defaultRequest: {memory: 64Mi}
    default: {memory: 128Mi}
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 1
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec:
      containers: [{name: c, image: nginx:1.27}]
`;

/** Named pods (no generated names) behind a Service with fixed IPs, a user-made EndpointSlice, and two more Services. */
export const networkManifest = `apiVersion: v1
kind: Pod
metadata:
  name: web-a
  labels: {app: web}
spec:
  automountServiceAccountToken: false
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
    resources:
      requests: {cpu: 250m, memory: 64Mi}
      limits: {memory: 128Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-b
  labels: {app: web}
spec:
  automountServiceAccountToken: false
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
    resources:
      requests: {cpu: "1", memory: 1Gi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  clusterIP: 10.96.100.10
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata:
  name: search
spec:
  type: ExternalName
  externalName: search.example.com
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: manual-1
  labels: {kubernetes.io/service-name: manual}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- addresses: [10.1.2.3]
  conditions: {ready: true}
  hostname: one
  nodeName: worker-1
  zone: zone-a
- addresses: [10.1.2.4, 10.1.2.5]
  conditions: {ready: false}
  targetRef: {kind: Pod, name: two, namespace: default}
`;

/** One worker running only the named pods of `networkManifest`; 15.5 minutes of virtual time. */
export function networkCluster(): Cluster {
  const c = createCluster({ seed: 1, nodes: 1 });
  apply(c, networkManifest);
  c.advance(15 * 60_000 + 30_000);
  return c;
}

/**
 * One worker; a Deployment `web` (2 replicas of nginx:1.26, rolled out to nginx:1.27 after 15 minutes)
 * and the objects of `objectsManifest`; 30.5 minutes of virtual time, so that every age is whole minutes
 * well away from a minute boundary.
 */
export function workloadCluster(): Cluster {
  const c = createCluster({ seed: 1, nodes: 1 });
  apply(c, objectsManifest);
  const r0 = c.run('kubectl create deployment web --image=nginx:1.26 --replicas=2 --port=80');
  if (r0.exitCode !== 0) throw new Error(r0.stderr);
  c.advance(15 * 60_000);
  const r = c.run('kubectl set image deployment/web nginx=nginx:1.27');
  if (r.exitCode !== 0) throw new Error(r.stderr);
  c.advance(15 * 60_000 + 30_000);
  return c;
}

const at = (sec: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, sec)).toISOString().replace('.000Z', 'Z');

/** The ghost pod's status: one container running, one terminated after restarts, one still waiting. */
export const ghostStatus: Record<string, unknown> = {
  phase: 'Running',
  hostIP: '10.0.0.9',
  hostIPs: [{ ip: '10.0.0.9' }],
  podIP: '10.244.9.4',
  podIPs: [{ ip: '10.244.9.4' }],
  startTime: at(1),
  conditions: [
    { type: 'Ready', status: 'False', lastTransitionTime: at(1) },
    { type: 'PodScheduled', status: 'True', lastTransitionTime: at(0) },
  ],
  containerStatuses: [
    { name: 'web', ready: true, restartCount: 0, image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:aa', containerID: 'containerd://web1', state: { running: { startedAt: at(5) } } },
    {
      name: 'worker',
      ready: false,
      restartCount: 3,
      image: 'busybox:1.36',
      imageID: 'docker.io/library/busybox@sha256:bb',
      containerID: 'containerd://w3',
      state: { terminated: { exitCode: 137, signal: 9, reason: 'OOMKilled', message: 'out of memory', startedAt: at(30), finishedAt: at(60) } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(10), finishedAt: at(20) } },
    },
    { name: 'starting', ready: false, restartCount: 0, image: 'busybox:1.36', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } },
  ],
};
