import { describe, expect, it } from 'vitest';
import { haveRealKubectl, kubectl, newCluster, runReal } from '../apply/testkit.ts';

// Generator commands whose --dry-run=client output must equal the real kubectl 1.32 byte for byte.
const offlineCases: Array<{ name: string; argv: string[] }> = [
  { name: 'deployment', argv: ['create', 'deployment', 'web', '--image=nginx'] },
  { name: 'deployment replicas port two images', argv: ['create', 'deployment', 'web', '--image=nginx:1.25', '--image=registry.k8s.io/busybox@sha256:abc', '--replicas=3', '--port=80'] },
  { name: 'deployment with command', argv: ['create', 'deployment', 'web', '--image=busybox', '--', 'sleep', '3600'] },
  { name: 'deployment in namespace', argv: ['create', 'deployment', 'web', '--image=nginx', '-n', 'dev'] },
  { name: 'service clusterip', argv: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080'] },
  { name: 'service headless', argv: ['create', 'service', 'clusterip', 'web', '--clusterip=None'] },
  { name: 'service nodeport', argv: ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080'] },
  { name: 'service loadbalancer two ports', argv: ['create', 'service', 'loadbalancer', 'web', '--tcp=80:8080', '--tcp=443'] },
  { name: 'service named target port', argv: ['create', 'service', 'clusterip', 'web', '--tcp=80:http'] },
  { name: 'service externalname', argv: ['create', 'service', 'externalname', 'web', '--external-name=example.com'] },
  { name: 'namespace', argv: ['create', 'namespace', 'dev'] },
  { name: 'serviceaccount', argv: ['create', 'serviceaccount', 'robot'] },
  { name: 'configmap literals', argv: ['create', 'configmap', 'cm', '--from-literal=a=1', '--from-literal=b=true', '--from-literal=c=', '--from-literal=d=a: b', '--from-literal=e=*x'] },
  { name: 'configmap multi-line', argv: ['create', 'configmap', 'cm', '--from-literal=k=line1\nline2\n', '--from-literal=j=x\ty'] },
  { name: 'configmap empty', argv: ['create', 'configmap', 'cm'] },
  { name: 'secret generic', argv: ['create', 'secret', 'generic', 's', '--from-literal=password=hunter2', '--from-literal=user=é<>'] },
  { name: 'secret generic with type', argv: ['create', 'secret', 'generic', 's', '--type=Opaque', '--from-literal=a=b'] },
  { name: 'secret docker-registry', argv: ['create', 'secret', 'docker-registry', 'r', '--docker-username=u', '--docker-password=p<&', '--docker-email=e@x'] },
];

describe('create generators match kubectl 1.32 (--dry-run=client)', () => {
  for (const c of offlineCases) {
    for (const fmt of ['yaml', 'json', 'name', '']) {
      const argv = [...c.argv.slice(0, c.argv.indexOf('--') >= 0 ? c.argv.indexOf('--') : undefined), '--dry-run=client', ...(fmt ? ['-o', fmt] : []), ...(c.argv.includes('--') ? c.argv.slice(c.argv.indexOf('--')) : [])];
      it.skipIf(!haveRealKubectl)(`${c.name} -o ${fmt || '(default)'} (needs /usr/bin/kubectl)`, () => {
        const want = runReal(argv);
        const got = kubectl(newCluster(), argv);
        expect(got.stdout).toBe(want.stdout);
        expect(got.code).toBe(want.code);
      });
    }
  }
});

const goldenDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

// Taken from kubectl 1.32 against an API server (run and expose need discovery, so they have no offline comparison).
const goldenRunPod = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: bb
  name: bb
spec:
  containers:
  - command:
    - sh
    - -c
    - echo hi
    image: busybox
    name: bb
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: OnFailure
status: {}
`;

const goldenRunJson = `{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "nginx",
        "creationTimestamp": null,
        "labels": {
            "app": "x",
            "tier": "fe"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "nginx",
                "image": "nginx",
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "env": [
                    {
                        "name": "A",
                        "value": "1"
                    },
                    {
                        "name": "B",
                        "value": "x"
                    }
                ],
                "resources": {}
            }
        ],
        "restartPolicy": "Never",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
`;

const goldenRunExpose = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: x
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: x
status:
  loadBalancer: {}
---
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

describe('generator golden outputs', () => {
  const cases: Array<{ name: string; argv: string[]; want: string }> = [
    { name: 'create deployment', argv: ['create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'yaml'], want: goldenDeployment },
    { name: 'run with --command', argv: ['run', 'bb', '--image=busybox', '--restart=OnFailure', '--dry-run=client', '-o', 'yaml', '--command', '--', 'sh', '-c', 'echo hi'], want: goldenRunPod },
    { name: 'run json with env, labels, port', argv: ['run', 'nginx', '--image=nginx', '--port=80', '--labels=app=x,tier=fe', '--env=A=1', '--env=B=x', '--restart=Never', '--dry-run=client', '-o', 'json'], want: goldenRunJson },
    { name: 'run --expose', argv: ['run', 'x', '--image=nginx', '--port=80', '--expose', '--dry-run=client', '-o', 'yaml'], want: goldenRunExpose },
    { name: 'run default message', argv: ['run', 'nginx', '--image=nginx', '--dry-run=client'], want: 'pod/nginx created (dry run)\n' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = kubectl(newCluster(), c.argv);
      expect(got.stderr).toBe('');
      expect(got.stdout).toBe(c.want);
    });
  }
});

describe('generator errors', () => {
  const cases: Array<{ name: string; argv: string[]; want: string }> = [
    { name: 'deployment without image', argv: ['create', 'deployment', 'web'], want: 'error: required flag(s) "image" not set\n' },
    { name: 'deployment without name', argv: ['create', 'deployment', '--image=x'], want: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n" },
    { name: 'service without ports', argv: ['create', 'service', 'clusterip', 'web'], want: 'error: at least one tcp port specifier must be provided\n' },
    { name: 'service bad port', argv: ['create', 'service', 'clusterip', 'web', '--tcp=abc'], want: 'error: strconv.ParseUint: parsing "abc": invalid syntax\n' },
    { name: 'externalname invalid', argv: ['create', 'service', 'externalname', 'x', '--external-name=Bad_'], want: 'error: invalid service external name Bad_\n' },
    { name: 'configmap bad literal', argv: ['create', 'configmap', 'cm', '--from-literal=a'], want: 'error: invalid literal source a, expected key=value\n' },
    { name: 'configmap duplicate key', argv: ['create', 'configmap', 'cm', '--from-literal=a=1', '--from-literal=a=2'], want: 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "cm"\n' },
    { name: 'bad dry-run', argv: ['create', 'namespace', 'x', '--dry-run=foo'], want: 'error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n' },
    { name: 'run without name', argv: ['run', '--image=x'], want: "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n" },
    { name: 'run bad restart', argv: ['run', 'x', '--image=nginx', '--restart=Foo'], want: "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n" },
    { name: 'run bad env', argv: ['run', 'x', '--image=nginx', '--env=FOO'], want: 'error: invalid env: FOO\n' },
    { name: 'run bad labels', argv: ['run', 'x', '--image=nginx', '--labels=bad'], want: 'error: unexpected label spec: bad\n' },
    { name: 'run expose without port', argv: ['run', 'x', '--image=nginx', '--expose'], want: "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n" },
    { name: 'run --rm without attach', argv: ['run', 'x', '--image=nginx', '--rm'], want: "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const c1 = newCluster();
      const got = kubectl(c1, c.argv);
      expect(got.stderr).toBe(c.want);
      expect(got.code).toBe(1);
    });
  }

  it('run -it is refused with an explanation and creates nothing', () => {
    const c = newCluster();
    const got = kubectl(c, ['run', 'shell', '--image=busybox', '-it', '--rm', '--', 'sh']);
    expect(got.code).toBe(1);
    expect(got.stderr).toContain('not available in the Kubelab terminal');
    expect(c.get('pod', 'shell')).toBeUndefined();
  });
});

describe('generators against the cluster', () => {
  it('create deployment then AlreadyExists wraps like kubectl', () => {
    const c = newCluster();
    expect(kubectl(c, ['create', 'deployment', 'web', '--image=nginx']).stdout).toBe('deployment.apps/web created\n');
    const again = kubectl(c, ['create', 'deployment', 'web', '--image=nginx']);
    expect(again.stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(kubectl(c, ['create', 'namespace', 'default']).stderr).toBe('Error from server (AlreadyExists): namespaces "default" already exists\n');
  });

  it('create configmap --from-file and --from-env-file read the lab filesystem', () => {
    const c = newCluster();
    c.writeFile('app.properties', 'a=1\n');
    c.writeFile('env.txt', '# comment\nX=1\nY=two\n');
    const r = kubectl(c, ['create', 'configmap', 'cm', '--from-file=app.properties', '--from-file=renamed=app.properties', '--from-env-file=env.txt']);
    expect(r.stdout).toBe('configmap/cm created\n');
    expect(c.get('configmap', 'cm')?.data).toEqual({ 'app.properties': 'a=1\n', renamed: 'a=1\n', X: '1', Y: 'two' });
  });

  it('run creates a pod and --expose a service', () => {
    const c = newCluster();
    const r = kubectl(c, ['run', 'web', '--image=nginx', '--port=80', '--expose']);
    expect(r.stdout).toBe('service/web created\npod/web created\n');
    expect(c.get('service', 'web')?.spec).toMatchObject({ selector: { run: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });
});
