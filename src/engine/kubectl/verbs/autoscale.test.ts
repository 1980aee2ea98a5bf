// `kubectl autoscale`: the generated autoscaling/v1 object compared byte for byte with the real kubectl 1.32
// (run against a read-only API server over the same cluster), and the command's errors and effects.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { startReadServer, type OracleServer } from '../describe/oracle-server.ts';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);

const cluster = createCluster({ nodes: 1 });
cluster.run('kubectl create deployment web --image=nginx');
cluster.run('kubectl create deployment api --image=nginx -n kube-public');

let oracle: OracleServer | undefined;
let proxy: Server | undefined;
let url = '';
const cacheDir = mkdtempSync(join(tmpdir(), 'kubelab-autoscale-'));

/** The read server's discovery, plus the scale subresources kubectl autoscale looks for. */
const scaled = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

beforeAll(async () => {
  if (!haveKubectl) return;
  oracle = await startReadServer(cluster.runtime.api);
  proxy = createServer((req, res) => {
    void fetch(oracle!.url + (req.url ?? '/')).then(async (r) => {
      let body = await r.text();
      const path = (req.url ?? '').split('?')[0];
      if (r.ok && (path === '/api/v1' || path === '/apis/apps/v1')) {
        const list = JSON.parse(body) as { resources: Array<{ name: string; namespaced: boolean }> };
        for (const res0 of [...list.resources]) {
          if (scaled.has(res0.name)) list.resources.push({ name: `${res0.name}/scale`, namespaced: res0.namespaced, kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] } as never);
        }
        body = JSON.stringify(list);
      }
      res.writeHead(r.status, { 'Content-Type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  const addr = proxy.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await oracle?.close();
});

function real(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(kubectl, [`--server=${url}`, `--cache-dir=${cacheDir}`, '--kubeconfig=/dev/null', ...args], (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

const dryRuns = [
  'autoscale deployment web --cpu-percent=50 --min=1 --max=10 --dry-run=client -o yaml',
  'autoscale deployment/web --max=5 --dry-run=client -o yaml',
  'autoscale deployment web --max=3 --min=2 --name=web-hpa --cpu-percent=80 --dry-run=client -o json',
  'autoscale deployment api -n kube-public --max=4 --dry-run=client -o yaml',
  'autoscale deployment web --max=4 --dry-run=client',
  'autoscale deployment web --max=4 --dry-run=client -o name',
];

describe.skipIf(!haveKubectl)('kubectl autoscale --dry-run=client matches kubectl 1.32 (skipped without /usr/bin/kubectl)', () => {
  for (const cmd of dryRuns) {
    it(cmd, async () => {
      const want = await real(cmd.split(' '));
      const got = cluster.run(`kubectl ${cmd}`);
      expect(got.stdout).toBe(want.stdout);
      expect(got.exitCode).toBe(want.code);
    });
  }
  it('a kind without a scale subresource: same error text', async () => {
    const want = await real(['autoscale', 'service', 'kubernetes', '--max=2', '--dry-run=client']);
    expect(cluster.run('kubectl autoscale service kubernetes --max=2 --dry-run=client').stderr).toBe(want.stderr);
  });
});

describe('kubectl autoscale', () => {
  const cases = [
    { name: 'max required', cmd: 'kubectl autoscale deployment web', err: 'error: required flag(s) "max" not set\n' },
    { name: 'max below min', cmd: 'kubectl autoscale deployment web --max=2 --min=5', err: 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n' },
    { name: 'max below 1', cmd: 'kubectl autoscale deployment web --max=0', err: 'error: --max=MAXPODS is required and must be at least 1, max: 0\n' },
    { name: 'missing target', cmd: 'kubectl autoscale deployment nope --max=2', err: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
    {
      name: 'a kind without a scale subresource',
      cmd: 'kubectl autoscale service kubernetes --max=2',
      err: 'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = cluster.run(c.cmd);
      expect(r.stderr).toBe(c.err);
      expect(r.exitCode).toBe(1);
    });
  }

  it('creates an autoscaling/v2 HPA from the v1 object', () => {
    const c = createCluster({ nodes: 1 });
    c.run('kubectl create deployment web --image=nginx');
    expect(c.run('kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=10').stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const hpa = c.get('hpa', 'web')!;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    expect(c.run('kubectl autoscale deployment web --max=10').stderr).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
  });
});
