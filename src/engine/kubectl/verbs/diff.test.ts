import { describe, expect, it } from 'vitest';
import { diffManifest } from '../../index.ts';
import { kubectl, newCluster } from '../apply/testkit.ts';

const deploy = (replicas: number, image = 'nginx') => `apiVersion: apps/v1
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
`;

// Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go: exit 0 = no differences, 1 = differences,
// > 1 = errors; files named group.version.Kind.namespace.name under LIVE-*/MERGED-* directories.
describe('kubectl diff', () => {
  it('a new object diffs against nothing (-N), with its server-side defaults', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(2));
    const r = kubectl(c, ['diff', '-f', 'web.yaml']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t1970-01-01 00:00:00\.000000000 \+0000$/);
    expect(lines[3]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
    expect(r.stdout).toContain('+  progressDeadlineSeconds: 600\n');
    expect(c.get('deploy', 'web')).toBeUndefined();
  });

  it('no differences after apply: exit 0, no output; changes show with generation', () => {
    const c = newCluster();
    c.writeFile('web.yaml', deploy(2));
    kubectl(c, ['apply', '-f', 'web.yaml']);
    c.runUntilIdle();
    expect(kubectl(c, ['diff', '-f', 'web.yaml'])).toEqual({ stdout: '', stderr: '', code: 0 });
    c.writeFile('web.yaml', deploy(3, 'nginx:1.27'));
    const r = kubectl(c, ['diff', '-f', 'web.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('-  generation: 1\n+  generation: 2\n');
    expect(r.stdout).toContain('-  replicas: 2\n+  replicas: 3\n');
    expect(r.stdout).toContain('-      - image: nginx\n+      - image: nginx:1.27\n');
    // The last-applied annotation is not rewritten by diff, so it is not part of the diff.
    expect(r.stdout).not.toMatch(/^[-+].*last-applied/m);
    expect((c.get('deploy', 'web')?.spec as { replicas: number }).replicas).toBe(2);
  });

  it('secret data is masked', () => {
    const c = newCluster();
    kubectl(c, ['create', 'secret', 'generic', 's', '--from-literal=a=1', '--from-literal=b=2']);
    c.writeFile('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: MQ==\n  b: Mw==\n  c: NA==\n');
    const r = kubectl(c, ['diff', '-f', 's.yaml']);
    expect(r.stdout).toContain('   a: \'***\'\n-  b: \'*** (before)\'\n+  b: \'*** (after)\'\n+  c: \'***\'\n');
    expect(r.stdout).not.toContain('MQ==');
  });

  it('errors exit 2', () => {
    const c = newCluster();
    expect(kubectl(c, ['diff'])).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 2 });
    c.writeFile('bad.yaml', deploy(-1));
    const r = kubectl(c, ['diff', '-f', 'bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^The Deployment "web" is invalid: spec.replicas: Invalid value: -1/);
  });

  it('diffManifest (the editor\'s view) is kubectl diff -f -', () => {
    const c = newCluster();
    const d = diffManifest(c, deploy(1));
    expect(d.exitCode).toBe(1);
    expect(d.error).toBe('');
    expect(d.diff).toContain('+  replicas: 1\n');
    expect(c.get('deploy', 'web')).toBeUndefined();
  });
});
