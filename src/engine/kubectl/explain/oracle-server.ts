// Test helper: a minimal HTTP API server that serves discovery for a Kubelab cluster's resource types and
// the explain schema as OpenAPI v3, so the real kubectl can run `explain` against the same data.
import { createServer, type Server } from 'node:http';
import type { ResourceRegistry } from '../../api/registry.ts';
import type { OpenApiDoc } from './render.ts';

export interface OracleServer {
  url: string;
  close(): Promise<void>;
}

export async function startExplainServer(registry: ResourceRegistry, doc: OpenApiDoc): Promise<OracleServer> {
  const types = registry.all();
  const gvs = [...new Set(types.map((t) => (t.group ? `${t.group}/${t.version}` : t.version)))];
  const groups = [...new Set(types.filter((t) => t.group).map((t) => t.group))];
  const pathKey = (gv: string) => (gv.includes('/') ? `apis/${gv}` : `api/${gv}`);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (o: unknown, code = 200) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(o));
    };
    if (path === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (path === '/apis') {
      return send({
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((g) => {
          const versions = [...new Set(types.filter((t) => t.group === g).map((t) => t.version))].map((v) => ({ groupVersion: `${g}/${v}`, version: v }));
          return { name: g, versions, preferredVersion: versions[0] };
        }),
      });
    }
    for (const gv of gvs) {
      if (path === `/${pathKey(gv)}`) {
        const resources = types
          .filter((t) => (t.group ? `${t.group}/${t.version}` : t.version) === gv)
          .map((t) => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, shortNames: t.shortNames }));
        return send({ kind: 'APIResourceList', groupVersion: gv, resources });
      }
    }
    if (path === '/openapi/v3') return send({ paths: Object.fromEntries(gvs.map((gv) => [pathKey(gv), { serverRelativeURL: `/openapi/v3/${pathKey(gv)}?hash=0` }])) });
    for (const gv of gvs) {
      if (path === `/openapi/v3/${pathKey(gv)}`) {
        const paths: Record<string, unknown> = {};
        for (const t of types.filter((x) => (x.group ? `${x.group}/${x.version}` : x.version) === gv)) {
          const p = t.namespaced ? `/${pathKey(gv)}/namespaces/{namespace}/${t.plural}` : `/${pathKey(gv)}/${t.plural}`;
          paths[p] = { get: { 'x-kubernetes-group-version-kind': { group: t.group, kind: t.kind, version: t.version } } };
        }
        return send({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: doc.components });
      }
    }
    send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
