// Test helper: a minimal HTTP API server that serves discovery for a Kubelab cluster's resource types and
// the explain schema as OpenAPI v3, so the real kubectl can run `explain` against the same data.
import type { ResourceRegistry } from '../../api/registry.ts';
import { apiPrefix, discoveryDoc, gvOf, listenLocal, sendJson } from '../describe/oracle-discovery.ts';
import type { OpenApiDoc } from './render.ts';

export interface OracleServer {
  url: string;
  close(): Promise<void>;
}

export async function startExplainServer(registry: ResourceRegistry, doc: OpenApiDoc): Promise<OracleServer> {
  const types = registry.all();
  const gvs = [...new Set(types.map(gvOf))];
  return listenLocal((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (o: unknown, code = 200) => sendJson(res, o, code);
    const discovery = discoveryDoc(types, path);
    if (discovery !== undefined) return send(discovery);
    if (path === '/openapi/v3') return send({ paths: Object.fromEntries(gvs.map((gv) => [apiPrefix(gv).slice(1), { serverRelativeURL: `/openapi/v3${apiPrefix(gv)}?hash=0` }])) });
    for (const gv of gvs) {
      if (path === `/openapi/v3${apiPrefix(gv)}`) {
        const paths: Record<string, unknown> = {};
        for (const t of types.filter((x) => gvOf(x) === gv)) {
          const p = t.namespaced ? `${apiPrefix(gv)}/namespaces/{namespace}/${t.plural}` : `${apiPrefix(gv)}/${t.plural}`;
          paths[p] = { get: { 'x-kubernetes-group-version-kind': { group: t.group, kind: t.kind, version: t.version } } };
        }
        return send({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: doc.components });
      }
    }
    send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }, 404);
  });
}
