// Generic printers (-o name/json/yaml/jsonpath/custom-columns) compared byte for byte with the real kubectl:
// a minimal HTTP server serves discovery and this cluster's pods, and /usr/bin/kubectl prints them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { clone } from '../../store/store.ts';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);

const cluster = createCluster({ nodes: 0 });
const api = cluster.runtime.api;
api.create({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web', tier: 'fe' }, annotations: { note: '<b>&' } },
  spec: { containers: [{ name: 'c1', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'c2', image: 'busybox' }] },
});
api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'default', labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } });

let server: Server;
let url = '';
const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-oracle-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (o: unknown, code = 200) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(o));
    };
    const resource = (name: string, kind: string, shortNames: string[]) => ({ name, singularName: '', namespaced: true, kind, verbs: ['get', 'list'], shortNames });
    if (path === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (path === '/apis') return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (path === '/api/v1') return send({ kind: 'APIResourceList', groupVersion: 'v1', resources: [resource('pods', 'Pod', ['po'])] });
    const m = /^\/api\/v1\/namespaces\/default\/pods(?:\/([^/]+))?$/.exec(path);
    if (m) {
      const items = api.list('pods', 'default').map((p) => clone(p));
      if (!m[1]) return send({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '100' }, items });
      const pod = items.find((p) => p.metadata.name === m[1]);
      if (pod) return send(pod);
      return send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `pods "${m[1]}" not found`, reason: 'NotFound', details: { name: m[1], kind: 'pods' }, code: 404 }, 404);
    }
    send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function real(args: string[]): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    execFile(kubectl, [`--server=${url}`, `--cache-dir=${cacheDir}`, '--kubeconfig=/dev/null', ...args], (err, stdout) => {
      resolve({ stdout, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

const cases: string[][] = [
  ['get', 'pods', '-o', 'name'],
  ['get', 'pods', '-o', 'json'],
  ['get', 'pod', 'web-1', '-o', 'json'],
  ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
  ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[*].image}{"\\n"}{end}'],
  ['get', 'pod', 'web-1', '-o', 'jsonpath={.metadata.labels}'],
  ['get', 'pod', 'web-1', '-o', 'jsonpath={.metadata.annotations}'],
  ['get', 'pod', 'web-1', '-o', 'jsonpath={.spec.containers[?(@.name=="c2")].image}'],
  ['get', 'pod', 'web-1', '-o', 'jsonpath={.spec.containers[0]}'],
  ['get', 'pods', '-o', 'jsonpath-as-json={.items[*].metadata.name}'],
  ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels,MISSING:.status.nope'],
  ['get', 'pods', '-o', 'custom-columns=NAME:metadata.name', '--no-headers'],
  ['get', 'pods', '--sort-by=.metadata.name', '-o', 'name'],
];

describe.skipIf(!haveKubectl)('generic printers match the real kubectl 1.32 (skipped when /usr/bin/kubectl is absent)', () => {
  for (const args of cases) {
    it(args.join(' '), async () => {
      const want = await real(args);
      const got = cluster.run(['kubectl', ...args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)].join(' '));
      expect(want.stdout.length).toBeGreaterThan(0);
      expect(got.stdout).toBe(want.stdout);
      expect(got.exitCode).toBe(want.code);
    });
  }
});
