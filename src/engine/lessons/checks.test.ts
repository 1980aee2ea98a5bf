import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';
import { evaluateCheck, validateCheck } from './checks/index.ts';
import { parsePath, readPath } from './path.ts';

describe('field paths', () => {
  const obj = { metadata: { labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } }, spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
  // The subset of kubectl's JSONPath that checks accept (k8s.io/client-go/util/jsonpath: fields, [n], ['key'], filters).
  const cases: Array<{ name: string; path: string; want: unknown }> = [
    { name: 'nested field', path: '.metadata.labels.app', want: { found: true, value: 'web' } },
    { name: 'quoted key with dots and slash', path: '.metadata.annotations["deployment.kubernetes.io/revision"]', want: { found: true, value: '2' } },
    { name: 'index', path: '.spec.containers[1].image', want: { found: true, value: 'y' } },
    { name: 'select by field', path: '.spec.containers[name=a].image', want: { found: true, value: 'x' } },
    { name: 'missing field names the first missing segment', path: '.spec.replicas', want: { found: false, missing: '.spec.replicas' } },
    { name: 'index out of range', path: '.spec.containers[5].image', want: { found: false, missing: '.spec.containers[5]' } },
  ];
  for (const c of cases) it(c.name, () => expect(readPath(obj, parsePath(c.path))).toEqual(c.want));
  it('rejects a path without a leading dot', () => expect(() => parsePath('spec.replicas')).toThrow(/must start with "."/));
});

describe('validateCheck', () => {
  const cases: Array<{ name: string; spec: unknown; want: string[] }> = [
    { name: 'valid', spec: { exists: { kind: 'Pod', name: 'a' } }, want: [] },
    { name: 'list is all', spec: [{ exists: { kind: 'Pod', name: 'a' } }, { ran: { command: 'kubectl' } }], want: [] },
    { name: 'unknown predicate', spec: { exist: {} }, want: ['unknown predicate "exist"'] },
    { name: 'two predicates', spec: { exists: {}, absent: {} }, want: ['exactly one predicate'] },
    { name: 'missing argument', spec: { exists: { kind: 'Pod' } }, want: ['missing argument "name"'] },
    { name: 'wrong type', spec: { available: { deployment: 'web', replicas: 'three' } }, want: ['replicas must be a number'] },
    { name: 'one comparison required', spec: { field: { kind: 'Pod', name: 'a', path: '.x' } }, want: ['exactly one of equals'] },
    { name: 'bad selector', spec: { image: { selector: 'app in (', image: 'x' } }, want: ['bad selector'] },
    { name: 'bad regex', spec: { ran: { command: '(' } }, want: ['bad regular expression'] },
    { name: 'bad path', spec: { field: { kind: 'Pod', name: 'a', path: 'spec', present: true } }, want: ['must start with "."'] },
    { name: 'nested in not', spec: { not: { exists: { kind: 'Pod' } } }, want: ['missing argument "name"'] },
    { name: 'request needs a target', spec: { request: { result: 'ok' } }, want: ['give the target host (to), the Service (service) or the path (path)'] },
    { name: 'bad request result', spec: { request: { to: 'web', result: 'blocked' } }, want: ['result must be ok, denied or failed'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = validateCheck(c.spec).map((p) => p.message);
      expect(got.length).toBe(c.want.length);
      c.want.forEach((w, i) => expect(got[i]).toContain(w));
    });
  }
});

describe('predicates on a live cluster', () => {
  const cluster: Cluster = createCluster({ seed: 1 });
  cluster.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  cluster.run('kubectl expose deployment web --port=80');
  cluster.run('kubectl run client --image=busybox:1.36 -- sleep 3600');
  cluster.runUntilIdle(120_000);
  cluster.run('kubectl exec client -- wget -qO- http://web');
  cluster.run('kubectl get pods');
  const ev = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec).pass;
  const cases: Array<{ name: string; spec: unknown; want: boolean }> = [
    { name: 'exists', spec: { exists: { kind: 'deploy', name: 'web' } }, want: true },
    { name: 'exists, other namespace', spec: { exists: { kind: 'Deployment', name: 'web', namespace: 'kube-system' } }, want: false },
    { name: 'absent', spec: { absent: { kind: 'Service', name: 'nope' } }, want: true },
    { name: 'field equals', spec: { field: { kind: 'Deployment', name: 'web', path: '.spec.replicas', equals: 2 } }, want: true },
    { name: 'field missing', spec: { field: { kind: 'Deployment', name: 'web', path: '.spec.paused', equals: true } }, want: false },
    { name: 'field present: false on a missing field', spec: { field: { kind: 'Deployment', name: 'web', path: '.spec.paused', present: false } }, want: true },
    { name: 'count with where', spec: { count: { kind: 'Pod', selector: 'app=web', where: { '.status.phase': 'Running' }, equals: 2 } }, want: true },
    { name: 'available', spec: { available: { deployment: 'web', replicas: 2 } }, want: true },
    { name: 'available, wrong count', spec: { available: { deployment: 'web', replicas: 3 } }, want: false },
    { name: 'image', spec: { image: { selector: 'app=web', image: 'nginx:1.27' } }, want: true },
    { name: 'image, no pods match', spec: { image: { selector: 'app=nope', image: 'nginx:1.27' } }, want: false },
    { name: 'endpoints', spec: { endpoints: { service: 'web', ready: 2 } }, want: true },
    { name: 'request ok', spec: { request: { from: 'client', to: 'web', result: 'ok', status: 200 } }, want: true },
    { name: 'request from a selector', spec: { request: { fromSelector: 'run=client', to: 'web', result: 'ok' } }, want: true },
    { name: 'request via its Service', spec: { request: { from: 'client', to: 'web', result: 'ok', service: 'web' } }, want: true },
    { name: 'request via another Service', spec: { request: { to: 'web', result: 'ok', service: 'other' } }, want: false },
    { name: 'request to a Service, any host', spec: { request: { service: 'default/web', result: 'ok' } }, want: true },
    { name: 'request denied never happened', spec: { request: { to: 'web', result: 'denied' } }, want: false },
    { name: 'ran', spec: { ran: { command: '^kubectl get pods$', exitCode: 0 } }, want: true },
    { name: 'event', spec: { event: { reason: 'ScalingReplicaSet', kind: 'Deployment', name: 'web' } }, want: true },
    { name: 'rolloutUndone, never undone', spec: { rolloutUndone: { deployment: 'web' } }, want: false },
    { name: 'any', spec: { any: [{ exists: { kind: 'Pod', name: 'x' } }, { exists: { kind: 'Pod', name: 'client' } }] }, want: true },
    { name: 'all', spec: { all: [{ exists: { kind: 'Pod', name: 'x' } }, { exists: { kind: 'Pod', name: 'client' } }] }, want: false },
    { name: 'not', spec: { not: { exists: { kind: 'Pod', name: 'x' } } }, want: true },
  ];
  for (const c of cases) it(c.name, () => expect(ev(c.spec)).toBe(c.want));
  it('rolloutUndone after kubectl rollout undo', () => {
    cluster.run('kubectl set image deployment/web nginx=nginx:1.26');
    cluster.run('kubectl rollout status deployment/web');
    expect(ev({ rolloutUndone: { deployment: 'web' } })).toBe(false);
    cluster.run('kubectl rollout undo deployment/web');
    cluster.run('kubectl rollout status deployment/web');
    expect(ev({ rolloutUndone: { deployment: 'web' } })).toBe(true);
    expect(cluster.runtime.internalErrors).toEqual([]);
  });
});

describe('the authoring guide', () => {
  it('documents every predicate', async () => {
    const { readFileSync } = await import('node:fs');
    const { listPredicates } = await import('./checks/index.ts');
    const guide = readFileSync(new URL('../../../lessons/authoring-lessons.md', import.meta.url), 'utf8');
    expect(listPredicates().map((p) => p.name).filter((n) => !guide.includes(`| \`${n}\` |`))).toEqual([]);
  });
});

describe('etcd predicate on a three-member control plane', () => {
  // etcd's quorum is a majority of members (etcd docs, "FAQ: What is failure tolerance?"): 2 of 3.
  const cluster: Cluster = createCluster({ seed: 1, controlPlanes: 3 });
  cluster.runUntilIdle(30_000);
  const ev = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec).pass;
  const cases: Array<{ name: string; before: string[]; spec: unknown; want: boolean }> = [
    { name: 'all healthy has quorum', before: [], spec: { etcd: { quorum: true, healthy: 3 } }, want: true },
    { name: 'no snapshot yet', before: [], spec: { etcd: { snapshot: 'a.db' } }, want: false },
    { name: 'saved snapshot is seen', before: ['lab etcd snapshot save a.db'], spec: { etcd: { snapshot: 'a.db' } }, want: true },
    { name: 'one member down keeps quorum', before: ['lab node fail control-plane3'], spec: { etcd: { quorum: true, healthy: 2 } }, want: true },
    { name: 'two members down lose it', before: ['lab node fail control-plane2'], spec: { etcd: { quorum: false, healthy: 1 } }, want: true },
    { name: 'lost quorum is not ok', before: [], spec: { etcd: { quorum: true } }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const l of c.before) expect(cluster.run(l).exitCode).toBe(0);
      expect(ev(c.spec)).toBe(c.want);
    });
  }
  it('needs an argument', () => expect(validateCheck({ etcd: {} }).map((p) => p.message).join()).toContain('give quorum, healthy, snapshot or key'));
});

describe('etcd predicate on an encrypted key', () => {
  // Encryption at rest applies to new writes only (kubernetes.io "Encrypting Confidential Data at Rest":
  // "Ensure all Secrets are encrypted" rewrites them with kubectl replace).
  const cluster: Cluster = createCluster({ seed: 1 });
  cluster.run('kubectl create secret generic db --from-literal=password=s3cr3t');
  cluster.writeFile(
    'enc.yaml',
    'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aescbc:\n          keys:\n            - name: key1\n              secret: MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n      - identity: {}\n',
  );
  const ev = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec).pass;
  const key = '/registry/secrets/default/db';
  const cases: Array<{ name: string; before: string[]; spec: unknown; want: boolean }> = [
    { name: 'plaintext before encryption', before: [], spec: { etcd: { key, encryptedWith: 'none' } }, want: true },
    { name: 'not aescbc before encryption', before: [], spec: { etcd: { key, encryptedWith: 'aescbc' } }, want: false },
    { name: 'still plaintext after the config: only new writes', before: ['lab apiserver encryption -f enc.yaml'], spec: { etcd: { key, encryptedWith: 'aescbc' } }, want: false },
    { name: 'aescbc after a rewrite', before: ['kubectl get secret db -o json | kubectl replace -f -'], spec: { etcd: { key, encryptedWith: 'aescbc' } }, want: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const l of c.before) expect(cluster.run(l).exitCode).toBe(0);
      expect(ev(c.spec)).toBe(c.want);
    });
  }
  it('key needs encryptedWith', () => expect(validateCheck({ etcd: { key } }).map((p) => p.message).join()).toContain('key and encryptedWith go together'));
  it('rejects an unknown provider', () => expect(validateCheck({ etcd: { key, encryptedWith: 'kms' } }).map((p) => p.message).join()).toContain('encryptedWith must be'));
});
