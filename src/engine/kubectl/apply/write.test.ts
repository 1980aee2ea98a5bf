import { describe, expect, it } from 'vitest';
import { kubectl, newCluster } from './testkit.ts';
import { threeWayMerge } from './strategic.ts';

const deploy = (replicas: number, image = 'nginx:1.25', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
${extra}`;

describe('kubectl apply', () => {
  it('created, unchanged, configured', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(2));
    expect(kubectl(c, ['apply', '-f', 'web.yaml']).stdout).toBe('deployment.apps/web created\n');
    expect(kubectl(c, ['apply', '-f', 'web.yaml']).stdout).toBe('deployment.apps/web unchanged\n');
    c.writeFile('web.yaml', deploy(3));
    expect(kubectl(c, ['apply', '-f', 'web.yaml']).stdout).toBe('deployment.apps/web configured\n');
    expect((c.get('deploy', 'web')?.spec as { replicas: number }).replicas).toBe(3);
  });

  it('stores last-applied-configuration as kubectl does', () => {
    const c = newCluster();
    c.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\ndata:\n  a: "1"\n');
    kubectl(c, ['apply', '-f', 'cm.yaml']);
    expect(c.get('cm', 'c2')?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c2","namespace":"default"}}\n',
    );
  });

  it('dry-run client prints the object and changes nothing; -o name', () => {
    const c = newCluster();
    c.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n');
    const r = kubectl(c, ['apply', '-f', 'cm.yaml', '--dry-run=client', '-o', 'yaml']);
    expect(r.stdout).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"c1","namespace":"default"}}\n  name: c1\n  namespace: default\n',
    );
    expect(c.get('cm', 'c1')).toBeUndefined();
    expect(kubectl(c, ['apply', '-f', 'cm.yaml', '--dry-run=server']).stdout).toBe('configmap/c1 created (server dry run)\n');
    expect(c.get('cm', 'c1')).toBeUndefined();
    expect(kubectl(c, ['apply', '-f', 'cm.yaml', '-o', 'name']).stdout).toBe('configmap/c1\n');
  });

  it('several objects with -o json print one List', () => {
    const c = newCluster();
    c.writeFile('m.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    const out = kubectl(c, ['apply', '-f', 'm.yaml', '--dry-run=client', '-o', 'json']).stdout;
    expect(out.startsWith('{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n')).toBe(true);
  });

  it('warns when the live object lacks the annotation, then patches it in', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(1));
    kubectl(c, ['create', '-f', 'web.yaml']);
    const r = kubectl(c, ['apply', '-f', 'web.yaml']);
    expect(r.stderr).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    expect(c.get('deploy', 'web')?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
  });

  it('keeps fields set by others, removes fields dropped from the file', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(2, 'nginx:1.25', '        env:\n        - name: A\n          value: "1"\n        - name: B\n          value: "2"\n'));
    kubectl(c, ['apply', '-f', 'web.yaml']);
    kubectl(c, ['set', 'image', 'deployment/web', 'nginx=nginx:1.26']);
    kubectl(c, ['scale', 'deployment', 'web', '--replicas=5']);
    // Drop env B and replicas from the file; the image is set again to the file's value.
    c.writeFile('web.yaml', deploy(2, 'nginx:1.25', '        env:\n        - name: A\n          value: "1"\n').replace('  replicas: 2\n', ''));
    expect(kubectl(c, ['apply', '-f', 'web.yaml']).stdout).toBe('deployment.apps/web configured\n');
    const spec = c.get('deploy', 'web')?.spec as { replicas: number; template: { spec: { containers: Array<{ image: string; env: unknown[] }> } } };
    expect(spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(spec.template.spec.containers[0].image).toBe('nginx:1.25');
    // replicas was in the last applied configuration and is gone from the file: removed, then defaulted to 1.
    expect(spec.replicas).toBe(1);
  });

  it('server-side errors carry the source; other objects still apply', () => {
    const c = newCluster();
    c.writeFile('m.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replica: 2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n');
    const r = kubectl(c, ['apply', '-f', 'm.yaml']);
    expect(r.stdout).toBe('configmap/fine created\n');
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "m.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n');
    expect(r.code).toBe(1);
    expect(c.get('deploy', 'typo')).toBeUndefined();
  });

  it('create -f reports AlreadyExists with the file name', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(1));
    kubectl(c, ['create', '-f', 'web.yaml']);
    const r = kubectl(c, ['create', '-f', 'web.yaml']);
    expect(r.stderr).toBe('Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web" already exists\n');
  });

  it('must specify -f', () => {
    expect(kubectl(newCluster(), ['apply']).stderr).toBe('error: must specify one of -f and -k\n');
  });
});

describe('kubectl replace', () => {
  it('replaces an existing object; NotFound otherwise', () => {
    const c = newCluster();
    c.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n');
    expect(kubectl(c, ['replace', '-f', 'cm.yaml']).stderr).toBe('Error from server (NotFound): error when replacing "cm.yaml": configmaps "c" not found\n');
    kubectl(c, ['create', '-f', 'cm.yaml']);
    c.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: "2"\n');
    expect(kubectl(c, ['replace', '-f', 'cm.yaml']).stdout).toBe('configmap/c replaced\n');
    expect(c.get('cm', 'c')?.data).toEqual({ b: '2' });
  });
  it('--force deletes and recreates', () => {
    const c = newCluster();
    c.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    kubectl(c, ['create', '-f', 'cm.yaml']);
    const uid = c.get('cm', 'c')?.metadata.uid;
    expect(kubectl(c, ['replace', '--force', '-f', 'cm.yaml']).stdout).toBe('configmap "c" deleted\nconfigmap/c replaced\n');
    expect(c.get('cm', 'c')?.metadata.uid).not.toBe(uid);
  });
});

describe('kubectl delete', () => {
  const setup = () => {
    const c = newCluster();
    for (const n of ['a', 'b']) kubectl(c, ['create', 'configmap', n, '--from-literal=x=1']);
    kubectl(c, ['label', 'cm', 'a', 'tier=fe']);
    return c;
  };
  const cases: Array<{ name: string; argv: string[]; stdout: string; stderr?: string; code?: number; left: string[] }> = [
    { name: 'TYPE NAME', argv: ['delete', 'configmap', 'a'], stdout: 'configmap "a" deleted\n', left: ['b'] },
    { name: 'TYPE/NAME several', argv: ['delete', 'cm/a', 'cm/b'], stdout: 'configmap "a" deleted\nconfigmap "b" deleted\n', left: [] },
    { name: '--all', argv: ['delete', 'cm', '--all'], stdout: 'configmap "a" deleted\nconfigmap "b" deleted\nconfigmap "kube-root-ca.crt" deleted\n', left: ['kube-root-ca.crt'] },
    { name: 'not found', argv: ['delete', 'cm', 'zzz'], stdout: '', stderr: 'Error from server (NotFound): configmaps "zzz" not found\n', code: 1, left: ['a', 'b'] },
    { name: 'not found ignored', argv: ['delete', 'cm', 'zzz', '--ignore-not-found'], stdout: 'No resources found\n', left: ['a', 'b'] },
    { name: 'selector matching nothing', argv: ['delete', 'cm', '-l', 'tier=none'], stdout: 'No resources found\n', left: ['a', 'b'] },
    { name: 'dry run', argv: ['delete', 'cm', 'a', '--dry-run=client'], stdout: 'configmap "a" deleted (dry run)\n', left: ['a', 'b'] },
    { name: '-o name', argv: ['delete', 'cm', 'a', '-o', 'name'], stdout: 'configmap/a deleted\n', left: ['b'] },
    { name: 'no name', argv: ['delete', 'cm'], stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', code: 1, left: ['a', 'b'] },
    { name: '--now with --grace-period', argv: ['delete', 'cm', 'a', '--now', '--grace-period=5'], stdout: '', stderr: 'error: --now and --grace-period cannot be specified together\n', code: 1, left: ['a', 'b'] },
    { name: 'bad cascade', argv: ['delete', 'cm', 'a', '--cascade=sideways'], stdout: '', stderr: 'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n', code: 1, left: ['a', 'b'] },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = setup();
      const r = kubectl(c, t.argv);
      expect(r.stdout).toBe(t.stdout);
      expect(r.stderr).toBe(t.stderr ?? '');
      expect(r.code).toBe(t.code ?? 0);
      const left = c.list('configmaps', 'default').map((o) => o.metadata.name).filter((n) => t.left.includes(n!) || n === 'a' || n === 'b');
      // kube-root-ca.crt is published again at once after `delete --all`.
      expect(left).toEqual(t.left);
    });
  }

  it('-l deletes matching objects only', () => {
    const c = setup();
    expect(kubectl(c, ['delete', 'cm', '-l', 'tier=fe']).stdout).toBe('configmap "a" deleted\n');
    expect(c.get('cm', 'b')).toBeDefined();
  });

  it('--force prints the warning and "force deleted"', () => {
    const c = newCluster();
    kubectl(c, ['run', 'p', '--image=nginx']);
    const r = kubectl(c, ['delete', 'pod', 'p', '--force']);
    expect(r.stderr).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    expect(r.stdout).toBe('pod "p" force deleted\n');
    expect(c.get('pod', 'p')).toBeUndefined();
  });

  it('-f deletes what the file names', () => {
    const c = setup();
    c.writeFile('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n');
    const r = kubectl(c, ['delete', '-f', 'a.yaml']);
    expect(r.stdout).toBe('configmap "a" deleted\n');
    expect(r.stderr).toBe('Error from server (NotFound): error when deleting "a.yaml": configmaps "gone" not found\n');
  });
});

describe('scale, set image, expose', () => {
  const withDeploy = () => {
    const c = newCluster();
    kubectl(c, ['create', 'deployment', 'web', '--image=nginx', '--port=80']);
    return c;
  };
  it('scale', () => {
    const c = withDeploy();
    expect(kubectl(c, ['scale', 'deployment/web', '--replicas=3']).stdout).toBe('deployment.apps/web scaled\n');
    expect((c.get('deploy', 'web')?.spec as { replicas: number }).replicas).toBe(3);
    expect(kubectl(c, ['scale', 'deploy', 'web', '--replicas=4', '--current-replicas=2']).stderr).toBe('error: Expected replicas to be 2, was 3\n');
    expect(kubectl(c, ['scale', 'deploy', 'web']).stderr).toBe('error: required flag(s) "replicas" not set\n');
  });
  it('set image', () => {
    const c = withDeploy();
    expect(kubectl(c, ['set', 'image', 'deployment/web', 'nginx=nginx:1.26']).stdout).toBe('deployment.apps/web image updated\n');
    expect(kubectl(c, ['set', 'image', 'deployment/web', 'nginx=nginx:1.26']).stdout).toBe('');
    expect(kubectl(c, ['set', 'image', 'deployment/web', 'foo=x']).stderr).toBe('error: unable to find container named "foo"\n');
    expect(kubectl(c, ['set', 'image', 'deployment/web']).stderr).toBe('error: at least one image update is required\n');
    expect(kubectl(c, ['set', 'image', 'deployment/web', '*=busybox']).stdout).toBe('deployment.apps/web image updated\n');
  });
  it('expose', () => {
    const c = withDeploy();
    expect(kubectl(c, ['expose', 'deployment', 'web', '--port=8080', '--target-port=80', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: "2025-01-01T00:00:00Z"\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n'.replace('creationTimestamp: "2025-01-01T00:00:00Z"', 'creationTimestamp: null'),
    );
    expect(kubectl(c, ['expose', 'deployment', 'web']).stdout).toBe('service/web exposed\n');
    expect(c.get('svc', 'web')?.spec).toMatchObject({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] });
    kubectl(c, ['run', 'bare', '--image=nginx', '--labels=']);
    expect(kubectl(c, ['expose', 'node', 'worker-1', '--port=80']).stderr).toBe('error: cannot expose a Node\n');
    expect(kubectl(c, ['expose', 'svc', 'web', '--name=web2']).stdout).toBe('service/web2 exposed\n');
  });
});

describe('threeWayMerge', () => {
  const cases: Array<{ name: string; original: unknown; modified: unknown; live: unknown; want: unknown }> = [
    { name: 'scalar change', original: { a: 1 }, modified: { a: 2 }, live: { a: 1, s: 'x' }, want: { a: 2, s: 'x' } },
    { name: 'removed field', original: { a: 1, b: 2 }, modified: { a: 1 }, live: { a: 1, b: 2, s: 'x' }, want: { a: 1, s: 'x' } },
    {
      name: 'containers merge by name; server-added fields kept',
      original: { spec: { containers: [{ name: 'a', image: '1' }] } },
      modified: { spec: { containers: [{ name: 'a', image: '2' }, { name: 'b', image: '1' }] } },
      live: { spec: { containers: [{ name: 'a', image: '1', imagePullPolicy: 'IfNotPresent' }] } },
      want: { spec: { containers: [{ name: 'a', image: '2', imagePullPolicy: 'IfNotPresent' }, { name: 'b', image: '1' }] } },
    },
    {
      name: 'container removed from the file',
      original: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      modified: { spec: { containers: [{ name: 'a' }] } },
      live: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      want: { spec: { containers: [{ name: 'a' }] } },
    },
    {
      name: 'container ports by containerPort, keeping defaulted protocol',
      original: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } },
      modified: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] } },
      live: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
      want: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }] } },
    },
    {
      name: 'lists without merge key are replaced',
      original: { spec: { containers: [{ name: 'a', args: ['x', 'y'] }] } },
      modified: { spec: { containers: [{ name: 'a', args: ['z'] }] } },
      live: { spec: { containers: [{ name: 'a', args: ['x', 'y'] }] } },
      want: { spec: { containers: [{ name: 'a', args: ['z'] }] } },
    },
    {
      name: 'deployment strategy retainKeys drops rollingUpdate',
      original: { spec: { strategy: { type: 'RollingUpdate' } } },
      modified: { spec: { strategy: { type: 'Recreate' } } },
      live: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    { name: 'explicit null deletes', original: undefined, modified: { a: null }, live: { a: 1, b: 2 }, want: { b: 2 } },
  ];
  for (const t of cases) {
    it(t.name, () => {
      expect(threeWayMerge(t.original, t.modified, t.live)).toEqual(t.want);
    });
  }
});
