// The REST API over HTTP, request by request: discovery, CRUD, Status errors, Table, pagination, watch, auth.
// Wants come from the apiserver's behaviour (staging/src/k8s.io/apiserver/pkg/endpoints/handlers and
// apimachinery/pkg/api/errors; the messages are those a kind 1.32 cluster returns for the same request).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../engine/index.ts';
import { authService } from '../engine/auth/service.ts';
import { adminUser } from '../engine/auth/user.ts';
import { createKubeServer, type KubeServer } from './server.ts';

let cluster: Cluster;
let server: KubeServer;
let base: string;
const ADMIN = 'admin-token';
const JANE = 'jane-token';

beforeAll(async () => {
  cluster = createCluster({ seed: 3, nodes: 1 });
  cluster.run('kubectl create deployment web --image=nginx --replicas=3');
  cluster.runUntilIdle();
  const auth = authService(cluster.runtime);
  auth.addToken(ADMIN, adminUser);
  auth.addToken(JANE, { name: 'jane', groups: ['system:authenticated'] });
  server = createKubeServer(cluster, { speed: 0, plainHttp: true });
  base = `http://127.0.0.1:${await server.listen(0)}`;
});
afterAll(() => server.close());

async function call(method: string, path: string, opts: { token?: string | null; body?: string; type?: string; accept?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? ADMIN}`;
  if (opts.type) headers['Content-Type'] = opts.type;
  if (opts.accept) headers.Accept = opts.accept;
  const r = await fetch(base + path, { method, headers, body: opts.body });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { code: r.status, json, headers: r.headers };
}

const cm = (name: string, extra = '') => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"},"data":{"a":"b"}${extra}}`;

describe('errors are Status objects', () => {
  const cases: Array<{ name: string; method: string; path: string; body?: string; type?: string; token?: string | null; code: number; reason?: string; message?: string }> = [
    { name: 'missing object', method: 'GET', path: '/api/v1/namespaces/default/pods/nope', code: 404, reason: 'NotFound', message: 'pods "nope" not found' },
    { name: 'missing group object', method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/nope', code: 404, reason: 'NotFound', message: 'deployments.apps "nope" not found' },
    { name: 'unknown path', method: 'GET', path: '/apis/nope.io/v1/widgets', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
    { name: 'malformed JSON', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{"kind":', type: 'application/json', code: 400, reason: 'BadRequest', message: "couldn't get version/kind; json parse error: unexpected end of JSON input" },
    { name: 'wrong content type', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: 'x', type: 'text/plain', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'namespace mismatch', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"other"}}', type: 'application/json', code: 400, reason: 'BadRequest', message: 'the namespace of the provided object does not match the namespace sent on the request' },
    { name: 'invalid name', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('Bad_Name'), type: 'application/json', code: 422, reason: 'Invalid' },
    { name: 'strict field validation', method: 'POST', path: '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', body: cm('strict', ',"bogus":1'), type: 'application/json', code: 400, reason: 'BadRequest', message: 'strict decoding error: unknown field "bogus"' },
    { name: 'bad token', method: 'GET', path: '/api/v1/pods', token: 'wrong', code: 401, reason: 'Unauthorized', message: 'Unauthorized' },
    { name: 'RBAC denial', method: 'GET', path: '/api/v1/namespaces/default/pods', token: JANE, code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"' },
    { name: 'anonymous discovery', method: 'GET', path: '/api/v1/namespaces/default/pods', token: null, code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"' },
    { name: 'method not allowed', method: 'PUT', path: '/api/v1/namespaces/default/configmaps', body: '{}', type: 'application/json', code: 405, reason: 'MethodNotAllowed' },
    { name: 'body over 3 MiB', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: 'x'.repeat(3 * 1024 * 1024 + 1), type: 'application/json', code: 413, reason: 'RequestEntityTooLarge' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await call(c.method, c.path, { body: c.body, type: c.type, token: c.token });
      expect(r.code).toBe(c.code);
      expect(r.json.kind).toBe('Status');
      expect(r.json.status).toBe('Failure');
      expect(r.json.code).toBe(c.code);
      if (c.reason) expect(r.json.reason).toBe(c.reason);
      if (c.message) expect(r.json.message).toBe(c.message);
    });
  }
  it('a refused write stores nothing', async () => {
    expect(cluster.get('configmap', 'strict')).toBeUndefined();
    expect(cluster.get('configmap', 'Bad_Name')).toBeUndefined();
    expect(cluster.runtime.internalErrors).toEqual([]);
  });
});

describe('resources', () => {
  it('create, get, update, conflict, delete', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', { body: cm('c1'), type: 'application/json' });
    expect(created.code).toBe(201);
    const meta = created.json.metadata as { uid: string; resourceVersion: string };
    expect(meta.uid).toBeTruthy();
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', { body: cm('c1'), type: 'application/json' });
    expect([again.code, again.json.reason, again.json.message]).toEqual([409, 'AlreadyExists', 'configmaps "c1" already exists']);
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/c1', { body: cm('c1').replace('"name":"c1"', '"name":"c1","resourceVersion":"1"'), type: 'application/json' });
    expect([stale.code, stale.json.reason]).toEqual([409, 'Conflict']);
    const del = await call('DELETE', '/api/v1/namespaces/default/configmaps/c1');
    expect([del.code, del.json.status]).toEqual([200, 'Success']);
    expect(cluster.get('configmap', 'c1')).toBeUndefined();
  });

  it('dryRun=All validates and stores nothing', async () => {
    const r = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: cm('dry'), type: 'application/json' });
    expect(r.code).toBe(201);
    expect(cluster.get('configmap', 'dry')).toBeUndefined();
  });

  it('label selector and pagination with limit/continue', async () => {
    const page1 = await call('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=2');
    const m1 = page1.json.metadata as { continue: string; remainingItemCount: number };
    expect((page1.json.items as unknown[]).length).toBe(2);
    expect(m1.remainingItemCount).toBe(1);
    const page2 = await call('GET', `/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=2&continue=${encodeURIComponent(m1.continue)}`);
    expect((page2.json.items as unknown[]).length).toBe(1);
    expect((page2.json.metadata as { continue?: string }).continue).toBeUndefined();
    const bad = await call('GET', '/api/v1/pods?continue=garbage');
    expect([bad.code, bad.json.reason]).toEqual([400, 'BadRequest']);
  });

  it('scale subresource', async () => {
    const s = await call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale');
    expect([s.json.kind, (s.json.spec as { replicas: number }).replicas]).toEqual(['Scale', 3]);
    const p = await call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { body: '{"spec":{"replicas":1}}', type: 'application/merge-patch+json' });
    expect(p.code).toBe(200);
    expect((cluster.get('deployment', 'web') as unknown as { spec: { replicas: number } }).spec.replicas).toBe(1);
  });

  it('Table output with the printer columns', async () => {
    const r = await call('GET', '/api/v1/nodes', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(r.json.kind).toBe('Table');
    const cols = (r.json.columnDefinitions as Array<{ name: string; priority: number; format: string }>).map((c) => [c.name, c.priority]);
    expect(cols.slice(0, 5)).toEqual([['Name', 0], ['Status', 0], ['Roles', 0], ['Age', 0], ['Version', 0]]);
    expect(cols).toContainEqual(['Internal-IP', 1]);
    const row = (r.json.rows as Array<{ cells: unknown[]; object: { kind: string } }>)[0];
    expect(row.cells[0]).toBe('control-plane');
    expect(row.object.kind).toBe('PartialObjectMetadata');
  });
});

describe('discovery', () => {
  it('legacy and aggregated', async () => {
    const legacy = await call('GET', '/apis/apps/v1');
    expect((legacy.json.resources as Array<{ name: string }>).map((r) => r.name)).toContain('deployments/scale');
    const agg = await call('GET', '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(agg.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = (agg.json.items as Array<{ metadata: { name: string }; versions: Array<{ resources: Array<{ resource: string; scope: string }> }> }>).find((i) => i.metadata.name === 'apps');
    expect(apps?.versions[0].resources.find((r) => r.resource === 'deployments')?.scope).toBe('Namespaced');
    const v = await call('GET', '/version');
    expect(v.json.gitVersion).toMatch(/^v1\.32\./);
  });
});

describe('impersonation', () => {
  it('is authorized and acts as the impersonated user', async () => {
    const denied = await call('GET', '/api/v1/pods', { token: JANE, headers: { 'Impersonate-User': 'bob' } });
    expect([denied.code, denied.json.message]).toEqual([403, 'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope']);
    const asJane = await call('GET', '/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'jane' } });
    expect(asJane.code).toBe(403);
  });
});

describe('watch', () => {
  async function readEvents(path: string, n: number): Promise<Array<{ type: string; object: Record<string, unknown> }>> {
    const ctl = new AbortController();
    const r = await fetch(base + path, { headers: { Authorization: `Bearer ${ADMIN}` }, signal: ctl.signal });
    const reader = r.body!.getReader();
    let buf = '';
    const out: Array<{ type: string; object: Record<string, unknown> }> = [];
    while (out.length < n) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += new TextDecoder().decode(value);
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        out.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    }
    ctl.abort();
    return out;
  }

  it('streams ADDED for the current state, then changes', async () => {
    cluster.run('kubectl create configmap w0 --from-literal=x=y');
    const p = readEvents('/api/v1/namespaces/default/configmaps?watch=1&labelSelector=w', 3);
    await new Promise((r) => setTimeout(r, 50));
    cluster.run('kubectl label configmap w0 w=1');
    cluster.run('kubectl create configmap w1 --from-literal=x=y');
    cluster.run('kubectl label configmap w1 w=1');
    cluster.run('kubectl delete configmap w0');
    const evs = await p;
    // A watch with a selector sees an object that starts matching as ADDED (the watch cache's filtering).
    expect(evs.map((e) => [e.type, (e.object.metadata as { name: string }).name])).toEqual([['ADDED', 'w0'], ['ADDED', 'w1'], ['DELETED', 'w0']]);
  });

  it('410 Gone for a resourceVersion out of the history window', async () => {
    const store = cluster.runtime.store;
    const rv = store.currentRevision();
    const p = readEvents(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, 1);
    cluster.run('kubectl create configmap w2');
    expect((await p).map((e) => e.type)).toEqual(['ADDED']);
    // Push revision 1 out of the store's history window.
    for (let i = 0; i < 25_000; i++) cluster.runtime.store.put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'churn', namespace: 'default' } });
    expect(store.eventsSince(1)).toBeUndefined();
    const gone = await readEvents('/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1', 1);
    expect(gone[0].type).toBe('ERROR');
    expect([gone[0].object.code, gone[0].object.reason]).toEqual([410, 'Expired']);
    expect((gone[0].object.message as string).startsWith('too old resource version: 1 (')).toBe(true);
  });
});

// Server-side apply over HTTP (apiserver: PatchOptions validation, managedfields/internal/conflict.go).
describe('apply patches', () => {
  const cfg = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n`;
  const url = '/apis/apps/v1/namespaces/default/deployments/web';
  it('needs a field manager', async () => {
    const r = await call('PATCH', url, { body: cfg(2), type: 'application/apply-patch+yaml' });
    expect([r.code, r.json.reason, r.json.message]).toEqual([422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch']);
  });
  it('owns what it applies, conflicts with another applier, and --force takes over', async () => {
    const a = await call('PATCH', `${url}?fieldManager=alice`, { body: cfg(2), type: 'application/apply-patch+yaml' });
    expect(a.code).toBe(200);
    const managers = ((a.json.metadata as { managedFields: Array<{ manager: string; operation: string }> }).managedFields ?? []).map((e) => `${e.manager}/${e.operation}`);
    expect(managers).toContain('alice/Apply');
    const b = await call('PATCH', `${url}?fieldManager=bob`, { body: cfg(4), type: 'application/apply-patch+yaml' });
    expect([b.code, b.json.reason, b.json.message]).toEqual([409, 'Conflict', 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas']);
    expect((b.json.details as { causes: unknown[] }).causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }]);
    const f = await call('PATCH', `${url}?fieldManager=bob&force=true`, { body: cfg(4), type: 'application/apply-patch+yaml' });
    expect([f.code, (f.json.spec as { replicas: number }).replicas]).toEqual([200, 4]);
  });
});

describe('reviews', () => {
  it('SelfSubjectAccessReview answers for the caller', async () => {
    const body = JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } } });
    const jane = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { token: JANE, body, type: 'application/json' });
    expect([jane.code, (jane.json.status as { allowed: boolean }).allowed]).toEqual([201, false]);
    const admin = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body, type: 'application/json' });
    expect((admin.json.status as { allowed: boolean }).allowed).toBe(true);
  });
  it('SelfSubjectReview is whoami', async () => {
    const r = await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { token: JANE, body: '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}', type: 'application/json' });
    expect(r.json.status).toEqual({ userInfo: { username: 'jane', groups: ['system:authenticated'] } });
  });
});
