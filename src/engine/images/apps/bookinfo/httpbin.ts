/**
 * docker.io/mccutchen/go-httpbin, the image of Istio's samples/httpbin (used by the timeout, circuit-breaking
 * and authorization tasks): /get, /headers, /ip, /user-agent, /status/CODE, /delay/N, /anything.
 */
import type { Repository } from '../../catalog.ts';
import type { AppContext, AppInstance, HttpRequest, HttpResponse } from '../../types.ts';
import { addAppWork } from '../../../mesh/dataplane/frames.ts';

const json = (status: number, body: unknown): HttpResponse => ({ status, body: JSON.stringify(body, null, 2) + '\n', contentType: 'application/json; charset=utf-8' });

function headerMap(req: HttpRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const canon = (k: string) => k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k !== 'host') out[canon(k)] = [v];
  out.Host = [req.host ?? ''];
  out['User-Agent'] = [req.userAgent];
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function httpbin(ctx: AppContext): AppInstance {
  const port = Number(ctx.env.get('PORT') ?? '8080') || 8080;
  return {
    ports: [port],
    readyAfterMs: 200,
    memoryBytes: 8 * 1024 * 1024,
    logs: [{ at: 0, text: `time="${new Date(ctx.startMs).toISOString()}" level=INFO msg="go-httpbin listening on http://0.0.0.0:${port}"` }],
    onStop: () => ({ afterMs: 10, code: 0, logs: [] }),
    http(req) {
      if (req.port !== port) return undefined;
      const [path, query = ''] = req.path.split('?');
      const args = Object.fromEntries(query.split('&').filter(Boolean).map((kv) => { const [k, v = ''] = kv.split('='); return [decodeURIComponent(k), [decodeURIComponent(v)]]; }));
      const url = `http://${req.host ?? ctx.podIP}${req.path}`;
      let res: HttpResponse;
      const status = /^\/status\/(\d{3})$/.exec(path);
      const delay = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(path);
      if (path === '/get' || path.startsWith('/anything')) res = json(200, { args, headers: headerMap(req), method: req.method, origin: req.clientIP, url });
      else if (path === '/headers') res = json(200, { headers: headerMap(req) });
      else if (path === '/ip') res = json(200, { origin: req.clientIP });
      else if (path === '/user-agent') res = json(200, { 'user-agent': req.userAgent });
      else if (status) res = { status: Number(status[1]), body: '', contentType: 'text/plain; charset=utf-8' };
      else if (delay) {
        const ms = Math.min(10, Number(delay[1])) * 1000;
        addAppWork(ms);
        res = json(200, { args, headers: headerMap(req), method: req.method, origin: req.clientIP, url });
      } else if (path === '/') res = { status: 200, body: '<!DOCTYPE html>\n<html>\n<head>\n  <title>go-httpbin(1): HTTP Client Testing Service</title>\n</head>\n<body>\n<h1>go-httpbin(1)</h1>\n</body>\n</html>\n', contentType: 'text/html; charset=utf-8' };
      else res = { status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8' };
      req.log(`time="${new Date(req.atMs).toISOString()}" status=${res.status} method=${req.method} uri="${req.path}" size_bytes=${res.body.length} user_agent="${req.userAgent}" client_ip=${req.clientIP}`);
      return res;
    },
  };
}

export const httpbinRepository: Repository = {
  name: 'docker.io/mccutchen/go-httpbin',
  versions: [{ tags: ['v2.15.0', 'latest'], size: 14_521_337 }],
  entrypoint: ['/bin/go-httpbin'],
  cmd: [],
  env: { PATH: '/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'gnu',
  bare: true,
  apps: { '/bin/go-httpbin': httpbin, 'go-httpbin': httpbin },
};
