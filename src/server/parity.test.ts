// Parity: the real kubectl 1.32 talking to `kubelab serve` must print exactly what the lab's own kubectl prints
// for the same cluster state. The clock is paused (speed 0) so AGE columns agree. Read-only cases run first on
// one shared state; each mutating case then runs on two identical fresh clusters (one served, one in-lab).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../engine/index.ts';
import { serverKubeconfig } from './kubeconfig.ts';
import { createKubeServer, type KubeServer } from './server.ts';
import { alignWithWallClock, createServedCluster } from './wallclock.ts';

const KUBECTL = '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);
const suite = hasKubectl ? 'parity with real kubectl' : `parity with real kubectl (skipped: ${KUBECTL} not found)`;

interface Served {
  cluster: Cluster;
  server: KubeServer;
  kubeconfig: string;
}

async function serve(setup: string[]): Promise<Served> {
  const cluster = createServedCluster({ seed: 7 });
  for (const line of setup) cluster.run(line);
  cluster.runUntilIdle();
  const server = createKubeServer(cluster, { speed: 0 });
  const port = await server.listen(0);
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-parity-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, serverKubeconfig(cluster, `https://127.0.0.1:${port}`).text);
  return { cluster, server, kubeconfig };
}

function realKubectl(kubeconfig: string, args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env: { HOME: tmpdir(), PATH: '/usr/bin:/bin' } }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, exitCode: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const setup = [`kubectl apply -f - <<'EOF'\n${deployment}EOF`, 'kubectl create namespace dev', 'kubectl create configmap settings -n dev --from-literal=mode=fast'];

// Everyday read-only verbs (kubectl reference: kubectl get / api-resources / describe, 1.32).
const readCases: Array<{ name: string; args: string[]; stdin?: string }> = [
  { name: 'get pods', args: ['get', 'pods'] },
  { name: 'get pods -A', args: ['get', 'pods', '-A'] },
  { name: 'get pods -o wide', args: ['get', 'pods', '-o', 'wide'] },
  { name: 'get nodes -o wide', args: ['get', 'nodes', '-o', 'wide'] },
  { name: 'get pods -l app=web', args: ['get', 'pods', '-l', 'app=web'] },
  { name: 'get pods -l selecting nothing', args: ['get', 'pods', '-l', 'app=none'] },
  { name: 'get deploy,rs', args: ['get', 'deploy,rs'] },
  { name: 'get deployment -o yaml', args: ['get', 'deployment', 'web', '-o', 'yaml'] },
  { name: 'get deployment -o json', args: ['get', 'deployment', 'web', '-o', 'json'] },
  { name: 'get configmaps -n dev', args: ['get', 'configmaps', '-n', 'dev'] },
  { name: 'get namespaces', args: ['get', 'namespaces'] },
  { name: 'get services -A -o wide', args: ['get', 'svc', '-A', '-o', 'wide'] },
  { name: 'get a missing pod', args: ['get', 'pod', 'nope'] },
  { name: 'get an unknown resource type', args: ['get', 'widgets'] },
  { name: 'get pods -o name', args: ['get', 'pods', '-o', 'name'] },
  { name: 'get pods --show-labels', args: ['get', 'pods', '--show-labels'] },
  { name: 'describe deployment', args: ['describe', 'deployment', 'web'] },
  { name: 'describe pods -l', args: ['describe', 'pods', '-l', 'app=web'] },
  { name: 'describe node', args: ['describe', 'node', 'worker-1'] },
  { name: 'rollout status', args: ['rollout', 'status', 'deployment/web'] },
  { name: 'rollout history', args: ['rollout', 'history', 'deployment/web'] },
  { name: 'logs deployment/web --tail=2', args: ['logs', 'deployment/web', '--tail=2'] },
  { name: 'logs -l --prefix', args: ['logs', '-l', 'app=web', '--prefix'] },
  { name: 'wait --for=condition=Available', args: ['wait', '--for=condition=Available', 'deployment/web'] },
  { name: 'explain deployment.spec.replicas', args: ['explain', 'deployment.spec.replicas'] },
  { name: 'get -o jsonpath', args: ['get', 'pods', '-o', 'jsonpath={.items[*].spec.nodeName}'] },
  { name: 'api-resources', args: ['api-resources'] },
  { name: 'api-resources --namespaced=false', args: ['api-resources', '--namespaced=false'] },
  { name: 'api-resources --api-group=apps -o wide', args: ['api-resources', '--api-group=apps', '-o', 'wide'] },
  // kubectl auth posts SelfSubject*Reviews as protobuf (kubectl reference: kubectl auth can-i / whoami, 1.32).
  { name: 'auth can-i (yes)', args: ['auth', 'can-i', 'get', 'pods'] },
  { name: 'auth can-i (no)', args: ['auth', 'can-i', 'create', 'deployments', '--as=jane'] },
  { name: 'auth can-i a non-resource URL', args: ['auth', 'can-i', 'get', '/healthz', '--as=jane'] },
  { name: 'auth can-i -n dev', args: ['auth', 'can-i', 'delete', 'configmaps', '-n', 'dev', '--as=jane'] },
  { name: 'auth can-i --list', args: ['auth', 'can-i', '--list'] },
  { name: 'auth can-i --list as a plain user', args: ['auth', 'can-i', '--list', '--as=jane'] },
  { name: 'auth whoami', args: ['auth', 'whoami'] },
  // kubectl exec streams over WebSocket, v5.channel.k8s.io (kubectl reference: kubectl exec, 1.32).
  { name: 'exec -- ls /', args: ['exec', 'deployment/web', '--', 'ls', '/'] },
  { name: 'exec -c', args: ['exec', 'deployment/web', '-c', 'nginx', '--', 'cat', '/etc/hostname'] },
  { name: 'exec with a non-zero exit code', args: ['exec', 'deployment/web', '--', 'ls', '/nope'] },
  { name: 'exec in a missing container', args: ['exec', 'deployment/web', '-c', 'sidecar', '--', 'ls'] },
  { name: 'exec -i with closed stdin', args: ['exec', '-i', 'deployment/web', '--', 'echo', 'hi'], stdin: '' },
];

describe.skipIf(!hasKubectl)(suite, () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve(setup);
  });
  afterAll(async () => {
    await s?.server.close();
  });

  for (const c of readCases) {
    it(c.name, async () => {
      // describe computes ages on the client's clock: line the virtual clock up with it first, and try again once
      // when the two runs straddle a second boundary.
      let real, lab;
      for (let attempt = 0; attempt < 2; attempt++) {
        await alignWithWallClock(s.cluster);
        real = await realKubectl(s.kubeconfig, c.args, c.stdin);
        lab = s.cluster.run(`kubectl ${c.args.map((a) => `'${a}'`).join(' ')}`);
        if (real.stdout === lab.stdout) break;
      }
      if (!real || !lab) throw new Error('unreachable');
      expect(real.stdout + real.stderr, 'the real kubectl printed nothing').not.toBe('');
      expect({ stdout: real.stdout, stderr: real.stderr, exitCode: real.exitCode }).toEqual({ stdout: lab.stdout, stderr: lab.stderr, exitCode: lab.exitCode });
    });
  }
});

// Mutating verbs: the same command against two identical clusters, then the resulting state compared.
const writeCases: Array<{ name: string; args: string[]; stdin?: string; after: string[]; pre?: Array<{ args: string[]; stdin?: string }> }> = [
  { name: 'create -f', args: ['create', '-f', '-'], stdin: deployment.replace(/web/g, 'api'), after: ['get', 'deploy,rs', '-o', 'wide'] },
  { name: 'create an existing object', args: ['create', '-f', '-'], stdin: deployment, after: ['get', 'deploy'] },
  { name: 'delete deployment', args: ['delete', 'deployment', 'web'], after: ['get', 'deploy'] },
  { name: 'delete a missing object', args: ['delete', 'deployment', 'nope'], after: ['get', 'deploy'] },
  { name: 'delete configmap -n dev', args: ['delete', 'configmap', 'settings', '-n', 'dev'], after: ['get', 'cm', '-n', 'dev'] },
  { name: 'label', args: ['label', 'deployment', 'web', 'tier=frontend'], after: ['get', 'deploy', '--show-labels'] },
  { name: 'annotate', args: ['annotate', 'deployment', 'web', 'note=hello'], after: ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.note}'] },
  { name: 'scale', args: ['scale', 'deployment', 'web', '--replicas=3'], after: ['get', 'deploy', 'web'] },
  { name: 'apply (client-side) changing replicas', args: ['apply', '-f', '-'], stdin: deployment.replace('replicas: 2', 'replicas: 4'), after: ['get', 'deploy', 'web', '-o', 'yaml'] },
  { name: 'apply (client-side) a new object', args: ['apply', '-f', '-'], stdin: deployment.replace(/web/g, 'api'), after: ['get', 'deploy', 'api', '-o', 'yaml'] },
  { name: 'rollout undo', args: ['rollout', 'undo', 'deployment/web'], after: ['get', 'rs'] },
  // Replacement pods' names differ: real kubectl deletes one request at a time and the cluster settles after
  // each, while the lab's kubectl settles once after the command; the state is compared without names.
  { name: 'delete pods -l', args: ['delete', 'pods', '-l', 'app=web', '--wait=false'], after: ['get', 'deploy'] },
  { name: 'set image', args: ['set', 'image', 'deployment/web', 'nginx=nginx:1.28'], after: ['get', 'rs'] },
  // kubectl's create subcommands send protobuf bodies through typed clients (kubectl reference: kubectl create, 1.32).
  ...createCases(),
  // Server-side apply (docs: Server-Side Apply — field management, conflicts, --force-conflicts).
  { name: 'apply --server-side a new object', args: ['apply', '--server-side', '-f', '-'], stdin: deployment.replace(/web/g, 'api'), after: ['get', 'deploy', 'api', '-o', 'yaml'] },
  { name: 'apply --server-side over a client-side applied object', args: ['apply', '--server-side', '-f', '-'], stdin: deployment.replace('replicas: 2', 'replicas: 3'), after: ['get', 'deploy', 'web', '-o', 'yaml'] },
  {
    name: 'apply --server-side --field-manager, -o yaml --show-managed-fields',
    args: ['apply', '--server-side', '--field-manager=alice', '-f', '-'],
    stdin: deployment.replace(/web/g, 'api'),
    after: ['get', 'deploy', 'api', '-o', 'yaml', '--show-managed-fields'],
  },
  {
    name: 'apply --server-side conflicting with another manager',
    pre: [{ args: ['apply', '--server-side', '--field-manager=alice', '-f', '-'], stdin: deployment.replace('replicas: 2', 'replicas: 4') }],
    args: ['apply', '--server-side', '-f', '-'],
    stdin: deployment.replace('replicas: 2', 'replicas: 5'),
    after: ['get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields'],
  },
  {
    name: 'apply --server-side --force-conflicts',
    pre: [{ args: ['apply', '--server-side', '--field-manager=alice', '-f', '-'], stdin: deployment.replace('replicas: 2', 'replicas: 4') }],
    args: ['apply', '--server-side', '--force-conflicts', '-f', '-'],
    stdin: deployment.replace('replicas: 2', 'replicas: 5'),
    after: ['get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields'],
  },
];

function createCases(): Array<{ name: string; args: string[]; after: string[] }> {
  const c = (args: string[], after: string[]) => ({ name: args.slice(0, 3).join(' '), args, after: ['get', ...after, '-o', 'yaml'] });
  return [
    c(['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=3', '--port=80'], ['deployment', 'api']),
    c(['create', 'deployment', 'zero', '--image=busybox', '--replicas=0', '--', 'sleep', '3600'], ['deployment', 'zero']),
    c(['create', 'configmap', 'app', '--from-literal=a=1', '--from-literal=b=2'], ['configmap', 'app']),
    c(['create', 'secret', 'generic', 'pw', '--from-literal=password=s3cret'], ['secret', 'pw']),
    c(['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.io', '--docker-username=u', '--docker-password=p'], ['secret', 'reg']),
    c(['create', 'service', 'clusterip', 'api', '--tcp=80:8080'], ['service', 'api']),
    c(['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'], ['service', 'np']),
    c(['create', 'namespace', 'staging'], ['namespace', 'staging']),
    c(['create', 'serviceaccount', 'robot', '-n', 'dev'], ['serviceaccount', 'robot', '-n', 'dev']),
    c(['create', 'role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps'], ['role', 'reader']),
    c(['create', 'rolebinding', 'read', '--role=reader', '--user=jane', '--serviceaccount=dev:robot'], ['rolebinding', 'read']),
    c(['create', 'clusterrole', 'nodes', '--verb=get', '--resource=nodes', '--resource-name=worker-1'], ['clusterrole', 'nodes']),
    c(['create', 'clusterrolebinding', 'nodes', '--clusterrole=nodes', '--group=ops'], ['clusterrolebinding', 'nodes']),
    c(['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'], ['job', 'once']),
    c(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'], ['cronjob', 'tick']),
    c(['create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=50%'], ['pdb', 'web']),
    c(['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--preemption-policy=Never'], ['priorityclass', 'high']),
    c(['create', 'quota', 'small', '--hard=pods=5,requests.cpu=2', '-n', 'dev'], ['quota', 'small', '-n', 'dev']),
    c(['create', 'ingress', 'web', '--class=nginx', '--rule=web.example.com/*=web:80'], ['ingress', 'web']),
    c(['create', 'configmap', 'settings', '-n', 'dev', '--from-literal=mode=slow'], ['configmap', 'settings', '-n', 'dev']),
  ];
}

describe.skipIf(!hasKubectl)(`${suite}: writes`, () => {
  for (const c of writeCases) {
    it(c.name, async () => {
      const s = await serve(setup);
      try {
        const lab = createCluster(s.cluster.options());
        lab.runUntilIdle();
        for (const line of setup) lab.run(line);
        lab.runUntilIdle();
        for (const pre of c.pre ?? []) {
          await realKubectl(s.kubeconfig, pre.args, pre.stdin);
          const q = pre.args.map((a) => `'${a}'`).join(' ');
          lab.run(pre.stdin !== undefined ? `kubectl ${q} <<'EOF'\n${pre.stdin}EOF` : `kubectl ${q}`);
        }
        const real = await realKubectl(s.kubeconfig, c.args, c.stdin);
        expect(real.stdout + real.stderr, 'the real kubectl printed nothing').not.toBe('');
        const quoted = c.args.map((a) => `'${a}'`).join(' ');
        const mine = lab.run(c.stdin !== undefined ? `kubectl ${quoted} <<'EOF'\n${c.stdin}EOF` : `kubectl ${quoted}`);
        expect({ stdout: real.stdout, stderr: real.stderr, exitCode: real.exitCode }).toEqual({ stdout: mine.stdout, stderr: mine.stderr, exitCode: mine.exitCode });
        s.cluster.runUntilIdle();
        lab.runUntilIdle();
        const after = await realKubectl(s.kubeconfig, c.after);
        const labAfter = lab.run(`kubectl ${c.after.map((a) => `'${a}'`).join(' ')}`);
        expect(after.stdout).toBe(labAfter.stdout);
      } finally {
        await s.server.close();
      }
    });
  }
});
