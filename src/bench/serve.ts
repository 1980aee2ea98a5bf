/**
 * `kubelab serve` over loopback: requests/s and p99 latency of listing 1,000 pods, and watch fan-out (events/s
 * delivered to 100 watchers). The server and its clients run in a child process (the server needs the event loop);
 * `serveBench` runs it and reports its last line.
 */
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createCluster } from '../engine/index.ts';
import { authService } from '../engine/auth/service.ts';
import { adminUser } from '../engine/auth/user.ts';
import { createKubeServer } from '../server/server.ts';
import { benchSource } from './self.ts';

/** This module's source file, which `npm run bench` runs in a child process. */
const SELF = benchSource('serve.ts', import.meta.url);

const TOKEN = 'bench-token';

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(): Promise<string> {
  const cluster = createCluster({ seed: 1, nodes: 10 });
  cluster.run('kubectl create deployment web --image=nginx --replicas=1000');
  cluster.runUntilIdle();
  authService(cluster.runtime).addToken(TOKEN, adminUser);
  const server = createKubeServer(cluster, { speed: 0, plainHttp: true });
  const port = await server.listen(0);
  const pods = cluster.list('pods', 'default').length;

  // 1. LIST 1,000 pods: 8 concurrent keep-alive clients for 5 s.
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const lat: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  const until = t0 + 5000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        bytes = await get(agent, port, '/api/v1/namespaces/default/pods');
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const p99 = lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))];
  agent.destroy();

  // 2. Watch fan-out: 100 watchers of configmaps, 500 creates.
  const watchers = 100;
  const creates = 500;
  const rv = String(cluster.runtime.store.currentRevision());
  let delivered = 0;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const wAgent = new Agent({ keepAlive: true, maxSockets: watchers });
  const reqs = await Promise.all(
    Array.from(
      { length: watchers },
      () =>
        new Promise<ReturnType<typeof request>>((resolve) => {
          const req = request({ host: '127.0.0.1', port, agent: wAgent, path: `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
            resolve(req);
            res.on('data', (c: Buffer) => {
              for (const b of c) if (b === 10 && ++delivered === watchers * creates) done();
            });
          });
          req.end();
        }),
    ),
  );
  const w0 = performance.now();
  for (let i = 0; i < creates; i++) cluster.runtime.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } });
  await all;
  const wsecs = (performance.now() - w0) / 1000;
  for (const r of reqs) r.destroy();
  wAgent.destroy();
  await server.close();
  return `LIST ${pods} pods (${(bytes / 1e6).toFixed(1)} MB): ${(lat.length / secs).toFixed(1)} req/s, p99 ${p99.toFixed(0)} ms; watch fan-out ${watchers} watchers × ${creates} events: ${((watchers * creates) / wsecs).toFixed(0)} events/s`;
}

export function serveBench(): { virtualMs: number; note: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF], { encoding: 'utf8', timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  return { virtualMs: 0, note: line || `failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
}

if (process.argv[1] === SELF) {
  measure().then(
    (line) => {
      console.log(line);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
