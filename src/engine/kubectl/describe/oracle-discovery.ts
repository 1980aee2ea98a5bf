// Test helper shared by the oracle servers (describe's read server, explain's OpenAPI server): legacy
// discovery for a Kubelab cluster's resource types as the apiserver serves it, and a local HTTP listener.
import { createServer, type RequestListener } from 'node:http';
import type { ResourceType } from '../../api/types.ts';

export const gvOf = (t: ResourceType): string => (t.group ? `${t.group}/${t.version}` : t.version);
/** `/api/v1` or `/apis/GROUP/VERSION`. */
export const apiPrefix = (gv: string): string => (gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`);

/** The discovery document for `path` (`/api`, `/apis`, a group version's resource list), or undefined. */
export function discoveryDoc(types: readonly ResourceType[], path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
  if (path === '/apis') {
    const groups = [...new Set(types.filter((t) => t.group).map((t) => t.group))];
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((g) => {
        const versions = [...new Set(types.filter((t) => t.group === g).map((t) => t.version))].map((v) => ({ groupVersion: `${g}/${v}`, version: v }));
        return { name: g, versions, preferredVersion: versions[0] };
      }),
    };
  }
  const gv = [...new Set(types.map(gvOf))].find((x) => path === apiPrefix(x));
  if (gv === undefined) return undefined;
  const resources = types
    .filter((t) => gvOf(t) === gv)
    .map((t) => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, shortNames: t.shortNames }));
  return { kind: 'APIResourceList', groupVersion: gv, resources };
}

/** Write `o` as a JSON response. */
export function sendJson(res: Parameters<RequestListener>[1], o: unknown, code = 200): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(o));
}

/** Serve `handler` on a free local port. */
export async function listenLocal(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
