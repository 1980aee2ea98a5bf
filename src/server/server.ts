// `kubelab serve`'s HTTP server: the Kubernetes REST API over node:http, as an adapter over an engine Cluster.
// Every request is authenticated (bearer token), impersonation is authorized, resource requests go through the
// auth service's authorized, audited ApiServer, and every failure is answered with a Status.
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer as createHttpsServer } from 'node:https';
import { SERVING_CERT, SERVING_KEY } from './tls.ts';
import type { Cluster } from '../engine/index.ts';
import { forbiddenError, nonResourceAttributes } from '../engine/auth/attributes.ts';
import { impersonate } from '../engine/auth/identity.ts';
import { authService } from '../engine/auth/service.ts';
import type { UserInfo } from '../engine/auth/user.ts';
import { serverVersionInfo } from '../engine/kubectl/verbs/version.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { AGGREGATED_V2, aggregated, apiGroup, apiGroupList, apiResourceList, apiVersions, wantsAggregated } from './discovery.ts';
import { openapiV2, openapiV3Doc, openapiV3Index } from './openapi.ts';
import { resolveResource, splitGroupVersion } from './paths.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import { serveResource } from './resources.ts';
import { failure, HttpError, statusOf } from './status.ts';
import { serveLogs } from './logs.ts';
import { serveReview } from './reviews.ts';
import { serveExec } from './exec.ts';
import { refuseUpgrade } from './websocket.ts';
import { isWatch, startWatch, type WatchHandle } from './watch.ts';

export interface ServeOptions {
  /** Virtual seconds per wall-clock second (0: time moves only when requests settle the cluster). */
  speed?: number;
  /** How often the wall clock is turned into virtual time (ms). */
  tickMs?: number;
  /**
   * Serve plain HTTP instead of HTTPS. kubectl sends no credentials over plain HTTP (clientcmd reads auth info
   * only for TLS transports), so such clients are anonymous; for curl and benchmarks.
   */
  plainHttp?: boolean;
}

export interface KubeServer {
  readonly server: Server;
  /** Start listening on 127.0.0.1:port (0 picks a free port); resolves to the port. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  /** Change the speed (tests pause the clock with 0). */
  setSpeed(speed: number): void;
}

const anonymous: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v ?? '';
}

function headerValues(req: IncomingMessage, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === name) out.push(req.rawHeaders[i + 1]);
  return out;
}

export function createKubeServer(cluster: Cluster, options: ServeOptions = {}): KubeServer {
  let speed = options.speed ?? 1;
  const watches = new Set<WatchHandle>();
  let last = process.hrtime.bigint();
  const tick = setInterval(() => {
    const now = process.hrtime.bigint();
    const wallMs = Number(now - last) / 1e6;
    last = now;
    try {
      if (speed > 0) cluster.advance(Math.round(wallMs * speed));
    } catch (e) {
      // The engine records its own internal errors; the server keeps serving.
      process.emitWarning(`kubelab serve: advancing the clock failed: ${(e as Error).message}`);
    }
  }, options.tickMs ?? 100);
  tick.unref();

  function authenticate(req: IncomingMessage): { user: UserInfo; impersonator?: UserInfo } {
    const auth = authService(cluster.runtime);
    const h = header(req, 'authorization');
    let user = anonymous;
    if (h) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
      const found = m ? auth.authenticate({ token: m[1] }) : undefined;
      if (!found) throw new HttpError(401, 'Unauthorized', 'Unauthorized');
      user = found;
    }
    const as = header(req, 'impersonate-user');
    const groups = headerValues(req, 'impersonate-group');
    const uid = header(req, 'impersonate-uid');
    if (!as) {
      if (groups.length || uid) throw new HttpError(400, 'BadRequest', 'requested uid, groups or user-extra without impersonating a user');
      return { user };
    }
    return { user: impersonate(cluster.runtime, user, as, groups, uid), impersonator: user };
  }

  function nonResource(r: ApiRequest, path: string): ApiResponse | undefined {
    const registry = r.rt.registry;
    const allow = () => {
      const a = nonResourceAttributes(r.user, r.method.toLowerCase(), path);
      const d = authService(r.rt).authorize(a);
      if (!d.allowed) throw forbiddenError(a, d.reason);
    };
    if (path === '/version' || path === '/version/') return allow(), { code: 200, body: serverVersionInfo };
    if (path === '/healthz' || path === '/livez' || path === '/readyz') return allow(), { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
    if (path === '/api' || path === '/apis') {
      allow();
      if (wantsAggregated(r.accept)) return { code: 200, body: aggregated(registry, path === '/api'), contentType: AGGREGATED_V2 };
      return { code: 200, body: path === '/api' ? apiVersions('127.0.0.1:6443') : apiGroupList(registry) };
    }
    if (path === '/openapi/v2') return allow(), { code: 200, body: openapiV2() };
    if (path === '/openapi/v3') return allow(), { code: 200, body: openapiV3Index(registry) };
    if (path.startsWith('/openapi/v3/')) {
      allow();
      const doc = openapiV3Doc(registry, path.slice('/openapi/v3/'.length));
      if (!doc) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
      return { code: 200, body: doc };
    }
    const segs = path.split('/').filter(Boolean);
    if (segs[0] === 'apis' && segs.length === 2) {
      allow();
      const g = apiGroup(registry, segs[1]);
      return g ? { code: 200, body: g } : undefined;
    }
    if ((segs[0] === 'api' && segs.length === 2) || (segs[0] === 'apis' && segs.length === 3)) {
      allow();
      const gv = splitGroupVersion(path)!;
      const l = apiResourceList(registry, gv.group, gv.version);
      return l ? { code: 200, body: l } : undefined;
    }
    return undefined;
  }

  function send(res: ServerResponse, r: ApiResponse, warnings: string[]): void {
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const headers: Record<string, string | string[]> = { 'Content-Type': r.contentType ?? 'application/json', 'Cache-Control': 'no-cache, private' };
    if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    res.writeHead(r.code, headers);
    res.end(text);
  }

  function requestOf(req: IncomingMessage, url: URL, bytes: Buffer, warnings: string[]): ApiRequest {
    const { user, impersonator } = authenticate(req);
    const rt = cluster.runtime;
    return {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      accept: header(req, 'accept'),
      contentType: header(req, 'content-type'),
      userAgent: header(req, 'user-agent'),
      body: bytes.toString('utf8'),
      bytes,
      user,
      api: authService(rt).apiFor(user, impersonator, (t) => warnings.push(t)),
      rt,
      warnings,
    };
  }

  function handle(req: IncomingMessage, res: ServerResponse, bytes: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const warnings: string[] = [];
    try {
      const r = requestOf(req, url, bytes, warnings);
      const rt = r.rt;
      const plain = nonResource(r, url.pathname) ?? serveReview(r, url.pathname);
      if (plain) return send(res, plain, warnings);
      const gv = splitGroupVersion(url.pathname);
      const p = gv && resolveResource(rt.registry, gv.group, gv.version, gv.rest);
      if (!p) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
      if (r.method === 'GET' && p.rt.plural === 'pods' && p.subresource === 'log' && p.name) {
        return serveLogs(r, p, res, () => {});
      }
      if (r.method === 'GET' && isWatch(r.query)) {
        const h = startWatch(r, p, res, () => watches.delete(h));
        watches.add(h);
        return;
      }
      const out = serveResource(r, p);
      if (r.method !== 'GET') cluster.advance(0);
      send(res, out, warnings);
    } catch (e) {
      const s = statusOf(e);
      if (res.headersSent) return void res.end();
      send(res, { code: s.code, body: s }, warnings);
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) {
        const s = failure(413, 'RequestEntityTooLarge', `limit is ${MAX_BODY_BYTES}`);
        return send(res, { code: 413, body: s }, []);
      }
      handle(req, res, Buffer.concat(chunks));
    });
  };
  const server: Server = options.plainHttp ? createHttpServer(onRequest) : createHttpsServer({ cert: SERVING_CERT, key: SERVING_KEY }, onRequest);
  // Streaming subresources (pods/exec) arrive as Upgrade requests.
  const streams = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => {});
    streams.add(socket);
    socket.on('close', () => streams.delete(socket));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const r = requestOf(req, url, Buffer.alloc(0), []);
      const gv = splitGroupVersion(url.pathname);
      const p = gv && resolveResource(r.rt.registry, gv.group, gv.version, gv.rest);
      if (!p || p.rt.plural !== 'pods' || p.subresource !== 'exec' || !p.name) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
      serveExec(r, p, req, socket, () => cluster.advance(0));
    } catch (e) {
      const s = statusOf(e);
      refuseUpgrade(socket, s.code, STATUS_CODES[s.code] ?? 'Error', 'application/json', JSON.stringify(s));
    }
  });

  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const a = server.address();
          resolve(typeof a === 'object' && a ? a.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        clearInterval(tick);
        for (const w of [...watches]) w.close();
        for (const st of [...streams]) st.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    setSpeed(s) {
      speed = s;
      last = process.hrtime.bigint();
    },
  };
}
