// `kubectl describe` compared byte for byte with the real kubectl 1.32: a small read-only HTTP server
// (oracle-server.ts) serves this cluster's objects, /usr/bin/kubectl describes them (it fetches the object,
// its events and related objects with plain GET/LIST calls), and our output for the same state must be
// identical. Skipped when /usr/bin/kubectl is absent.
//
// Time: kubectl prints ages against the wall clock, Kubelab against its virtual clock. The cluster starts
// at a real instant; before each case the virtual clock is advanced to the current wall-clock second and
// kubectl must finish within that second (else the case is retried), so both agree on every age.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { startReadServer, type OracleServer } from './oracle-server.ts';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);

const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  multi: |
    line one
    line two
---
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
stringData:
  password: hunter2
---
apiVersion: v1
kind: Pod
metadata:
  name: rich
  labels: {app: rich, tier: backend}
  annotations: {team: blue}
spec:
  nodeSelector: {kubernetes.io/os: linux}
  tolerations:
  - {key: dedicated, operator: Equal, value: db, effect: NoSchedule}
  - {operator: Exists}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: rich}}}
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "echo ready"]
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 80, name: http}
    - {containerPort: 9090, protocol: UDP}
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {cpu: 500m, memory: 128Mi}
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      initialDelaySeconds: 3
      periodSeconds: 3
    readinessProbe:
      tcpSocket: {port: 80}
    startupProbe:
      exec: {command: ["cat", "/tmp/ok"]}
    env:
    - {name: PLAIN, value: hello}
    - {name: MULTI, value: "a\\nb"}
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: NODE
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: MY_UID
      valueFrom: {fieldRef: {fieldPath: metadata.uid}}
    - name: LIM
      valueFrom: {resourceFieldRef: {resource: limits.cpu}}
    - name: REQMEM
      valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}
    - name: PASS
      valueFrom: {secretKeyRef: {name: app-secret, key: password}}
    - name: MODE
      valueFrom: {configMapKeyRef: {name: app-config, key: mode, optional: true}}
    envFrom:
    - configMapRef: {name: app-config}
    - prefix: S_
      secretRef: {name: app-secret}
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg, readOnly: true}
    - {name: scratch, mountPath: /scratch, subPath: sub}
  - name: crasher
    image: busybox:1.36
    command: ["sh", "-c", "exit 3"]
    resources:
      limits: {memory: 32Mi}
  volumes:
  - name: cfg
    configMap: {name: app-config}
  - name: scratch
    emptyDir: {sizeLimit: 1Gi}
  - name: sec
    secret: {secretName: app-secret}
  - name: host
    hostPath: {path: /var/log, type: Directory}
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
---
apiVersion: v1
kind: Pod
metadata:
  name: pending
spec:
  nodeSelector: {disk: ssd}
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: multi
spec:
  selector: {app: rich}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090, targetPort: 9090, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: example.com
---
apiVersion: v1
kind: Service
metadata:
  name: headless
spec:
  clusterIP: None
  selector: {app: web}
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: rc1
spec:
  replicas: 2
  selector: {app: rc1}
  template:
    metadata: {labels: {app: rc1}}
    spec:
      containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata:
  name: hold
spec:
  # Long enough to stay Terminating however long the wall clock takes to reach the cases.
  terminationGracePeriodSeconds: 600
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, "3600"]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: busybox:1.36, command: [sleep, "3600"]}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: headless
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: nginx:1.27}]
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
spec:
  hard: {pods: "20", configmaps: "10", services: "9"}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    defaultRequest: {cpu: 100m}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
secrets:
- name: gone
imagePullSecrets:
- name: app-secret
`;

const cases: string[][] = [
  ['describe', 'pod', 'rich'],
  ['describe', 'pod', 'pending'],
  ['describe', 'pod', 'hold'],
  ['describe', 'pods', 'web'],
  ['describe', 'deployment', 'web'],
  ['describe', 'rs'],
  ['describe', 'rc', 'rc1'],
  ['describe', 'svc'],
  ['describe', 'endpoints', 'web'],
  ['describe', 'endpoints', 'multi'],
  ['describe', 'endpointslices'],
  ['describe', 'nodes'],
  ['describe', 'lease', '-n', 'kube-node-lease', 'worker-1'],
  ['describe', 'pods', '-l', 'app=rc1'],
  ['describe', 'ns', 'default'],
  ['describe', 'sa', 'default', 'robot'],
  ['describe', 'cm', 'app-config'],
  ['describe', 'secret', 'app-secret'],
  ['describe', 'pod', 'rich', '--show-events=false'],
  ['describe', 'job', 'pi'],
  ['describe', 'cronjob', 'tick'],
  ['describe', 'sts', 'db'],
  ['describe', 'priorityclass'],
  ['describe', 'quota,limitrange'],
  ['describe', 'pod', 'nope'],
];

describe.skipIf(!haveKubectl)('kubectl describe matches the real kubectl 1.32 (skipped when /usr/bin/kubectl is absent)', () => {
  const scenarioMs = 15 * 60_000 + 30_000;
  const wallStart = Math.floor(Date.now() / 1000) * 1000 - scenarioMs;
  const cluster = createCluster({ seed: 5, nodes: 2, startTime: new Date(wallStart).toISOString() });
  // The cluster is handed over booted: its boot counts towards the scenario's length.
  const bootMs = cluster.now();
  let server: OracleServer;
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-describe-oracle-'));

  beforeAll(async () => {
    cluster.writeFile('/lab.yaml', manifest);
    const setup = [
      'kubectl apply -f /lab.yaml',
      'kubectl create deployment web --image=nginx:1.27 --replicas=5 --port=80',
      'kubectl expose deployment web --port=80 --type=NodePort',
      'kubectl expose deployment web --name=lb --type=LoadBalancer --port=8080 --target-port=80',
      'kubectl create job pi --image=busybox:1.36 -- sh -c "echo hi"',
      'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/5 * * * *" -- echo tick',
    ];
    for (const cmd of setup) expect(cluster.run(cmd).exitCode, cmd).toBe(0);
    cluster.advance(5 * 60_000);
    expect(cluster.run('kubectl set image deployment/web nginx=nginx:1.28').exitCode).toBe(0);
    cluster.advance(scenarioMs - bootMs - 5 * 60_000 - 20_000);
    for (const cmd of ['kubectl delete pod hold --wait=false', 'kubectl cordon worker-2', 'kubectl taint nodes worker-1 dedicated=db:NoSchedule']) {
      expect(cluster.run(cmd).exitCode, cmd).toBe(0);
    }
    cluster.advance(20_000);
    // The state the cases are meant to cover is really there.
    expect(cluster.get('pod', 'hold')?.metadata.deletionTimestamp).toBeTruthy();
    expect(cluster.run('kubectl describe pod hold').stdout).toMatch(/Status: +Terminating \(lasts <invalid>\)\n/); // deletionTimestamp lies grace seconds ahead
    expect(cluster.run('kubectl describe deploy web').stdout).toMatch(/OldReplicaSets: +web-\w+ \(\d\/\d replicas created\)/);
    expect(cluster.run('kubectl describe pod rich').stdout).toMatch(/Last State: +Terminated/);
    server = await startReadServer(cluster.runtime.api);
  });

  afterAll(() => server?.close());

  const real = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(kubectl, [`--server=${server.url}`, `--cache-dir=${cacheDir}`, '--kubeconfig=/dev/null', ...args], { env: { ...process.env, TZ: 'UTC' } }, (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      );
    });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  for (const args of cases) {
    it(args.join(' '), async () => {
      for (let attempt = 0; ; attempt++) {
        // Start early in a wall-clock second, and bring virtual time to that same second.
        const ms = Date.now() % 1000;
        if (ms > 30) await sleep(1000 - ms + 5);
        const second = Math.floor(Date.now() / 1000) * 1000;
        const target = second + 999 - cluster.runtime.clock.epochMs;
        if (target > cluster.now()) cluster.advance(target - cluster.now());
        const got = cluster.run(['kubectl', ...args].join(' '));
        const want = await real(args);
        if (Date.now() >= second + 1000 && attempt < 8) continue;
        expect(got.stdout).toBe(want.stdout);
        expect(got.stderr).toBe(want.stderr);
        expect(got.exitCode).toBe(want.code);
        if (!args.includes("nope")) expect(want.stdout.length, want.stderr).toBeGreaterThan(0);
        return;
      }
    }, 20_000);
  }
});
