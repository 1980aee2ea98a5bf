// Test helper: a minimal read-only HTTP API server over a Kubelab cluster, so the real kubectl can run
// `describe` (and other read verbs) against the same objects. It serves legacy discovery for every
// registered type, and GET/LIST for every resource with labelSelector and fieldSelector, which is all
// describe needs: it fetches the object, its events (a field-selector LIST), and related objects.
import type { ApiServer } from '../../api/server.ts';
import { clone } from '../../store/store.ts';
import { parseFieldSelector, parseSelector } from '../../util/selectors.ts';
import { apiPrefix, discoveryDoc, gvOf, listenLocal, sendJson } from './oracle-discovery.ts';

export interface OracleServer {
  url: string;
  /** Every request path with its query, in order (to check what kubectl asked for). */
  requests: string[];
  close(): Promise<void>;
}

export async function startReadServer(api: ApiServer): Promise<OracleServer> {
  const types = api.registry.all();
  const gvs = [...new Set(types.map(gvOf))];
  const requests: string[] = [];
  const server = await listenLocal((req, res) => {
    requests.push(req.url ?? '');
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname;
    const send = (o: unknown, code = 200) => sendJson(res, o, code);
    const status = (code: number, reason: string, message: string) => send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, code);
    const discovery = discoveryDoc(types, path);
    if (discovery !== undefined) return send(discovery);
    for (const gv of gvs) {
      const prefix = apiPrefix(gv);
      if (!path.startsWith(prefix + '/')) continue;
      const parts = path.slice(prefix.length + 1).split('/');
      let ns: string | undefined;
      if (parts[0] === 'namespaces' && parts.length >= 3) {
        ns = parts[1];
        parts.splice(0, 2);
      }
      const t = types.find((x) => gvOf(x) === gv && x.plural === parts[0]);
      if (!t || parts.length > 2) break;
      if (parts.length === 2) {
        const o = api.tryGet(t.plural, ns, parts[1]);
        if (!o) return send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${t.plural}${t.group ? `.${t.group}` : ''} "${parts[1]}" not found`, reason: 'NotFound', details: { name: parts[1], group: t.group || undefined, kind: t.plural }, code: 404 }, 404);
        return send(clone(o));
      }
      try {
        const ls = u.searchParams.get('labelSelector');
        const fs = u.searchParams.get('fieldSelector');
        const items = api.list(t.plural, ns, { labelSelector: ls ? parseSelector(ls) : undefined, fieldSelector: fs ? parseFieldSelector(fs) : undefined }).map((o) => clone(o));
        return send({ kind: `${t.kind}List`, apiVersion: gv, metadata: { resourceVersion: '1' }, items });
      } catch (e) {
        return status(400, 'BadRequest', e instanceof Error ? e.message : String(e));
      }
    }
    status(404, 'NotFound', 'the server could not find the requested resource');
  });
  return { ...server, requests };
}
