import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { haveRealKubectl, kubectl, newCluster, runReal } from '../apply/testkit.ts';

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: web
        image: nginx
        resources:
          limits: {memory: 64Mi}
      - name: side
        image: busybox
`;

// --local needs no server: the real kubectl 1.32 client is the reference, byte for byte.
describe.skipIf(!haveRealKubectl)('kubectl set resources --local matches kubectl 1.32 (skipped without /usr/bin/kubectl)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'set-resources-'));
  const file = join(dir, 'deploy.yaml');
  writeFileSync(file, manifest);
  it.each([
    { name: 'limits and requests on one container', flags: ['--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m', '-c', 'web', '-o', 'yaml'] },
    { name: 'every container by default, canonical quantities', flags: ['--limits=cpu=0.5,memory=1000Mi,nvidia.com/gpu=1', '-o', 'yaml'] },
    { name: 'a glob container selector', flags: ['--requests=memory=1Gi', '-c', 's*', '-o', 'yaml'] },
    { name: 'no -o: the message', flags: ['--limits=cpu=1'] },
    { name: 'nothing to set', flags: [] },
    { name: 'a bad quantity', flags: ['--limits=cpu=abc'] },
    { name: 'no such container', flags: ['--limits=cpu=1', '-c', 'nope'] },
  ])('$name', ({ flags }) => {
    const real = runReal(['set', 'resources', '--local', '-f', file, ...flags]);
    const ours = kubectl(newCluster(), ['set', 'resources', '--local', '-f', '-', ...flags], manifest);
    expect(ours).toEqual(real);
  });
  it('--local without -f', () => {
    expect(kubectl(newCluster(), ['set', 'resources', 'deployment', 'web', '--local', '--limits=cpu=1'])).toEqual(runReal(['set', 'resources', 'deployment', 'web', '--local', '--limits=cpu=1']));
  });
});

// Against the cluster: set_resources.go patches the live object and prints "<kind>/<name> resource requirements updated".
describe('kubectl set resources on live objects', () => {
  const c = createCluster({ seed: 2 });
  c.run('kubectl create deployment web --image=nginx');
  c.run('kubectl create deployment api --image=nginx');
  c.run('kubectl label deployment api tier=backend');
  it.each([
    { name: 'one deployment', cmd: 'kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m', out: 'deployment.apps/web resource requirements updated\n', code: 0 },
    { name: 'client dry run', cmd: 'kubectl set resources deployment web --limits=cpu=1 --dry-run=client', out: 'deployment.apps/web resource requirements updated (dry run)\n', code: 0 },
    { name: 'by selector', cmd: 'kubectl set resources deployments -l tier=backend --requests=memory=256Mi', out: 'deployment.apps/api resource requirements updated\n', code: 0 },
  ])('$name', ({ cmd, out, code }) => {
    const r = c.run(cmd);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(out);
    expect(r.exitCode).toBe(code);
  });
  it('the template carries the new resources, and the rollout follows', () => {
    const d = JSON.parse(c.run('kubectl get deployment web -o json').stdout);
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    c.advance(30_000);
    const pods = JSON.parse(c.run('kubectl get pods -l app=web -o json').stdout).items;
    expect(pods.every((p: { status: { qosClass: string } }) => p.status.qosClass === 'Burstable')).toBe(true);
  });
});
