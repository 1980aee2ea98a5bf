// What a node's kubelet answers on its HTTPS port (10250) and its read-only HTTP port (10255), under the
// kubelet's --anonymous-auth, --authorization-mode and --read-only-port. Published as the runtime service
// 'kubelet-server'; the packet tracer asks it when something connects to a node on those ports.
import type { ClusterRuntime } from '../runtime.ts';
import { resourceAttributes } from './attributes.ts';
import { authService } from './service.ts';

export interface KubeletAnswer {
  kind: 'http' | 'refused';
  status?: number;
  body?: string;
}

export const KUBELET_SERVER_SERVICE = 'kubelet-server';

export interface KubeletServer {
  /** The kubelet's answer to a GET of `path` on `port` of `node`, or undefined when the port is not the kubelet's. */
  serve(node: string, port: number, path: string): KubeletAnswer | undefined;
}

/** kubelet server paths → the node subresource its authorizer checks (server/auth.go). */
function subresourceOf(path: string): string {
  if (path.startsWith('/stats') || path.startsWith('/metrics')) return path.startsWith('/stats') ? 'stats' : 'metrics';
  if (path.startsWith('/logs')) return 'log';
  return 'proxy';
}

function podList(rt: ClusterRuntime, node: string): string {
  const items = rt.store.list('pods').filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node);
  return JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
}

function content(rt: ClusterRuntime, node: string, path: string): KubeletAnswer {
  const p = path.split('?')[0];
  if (p === '/pods' || p === '/pods/' || p === '/runningpods/') return { kind: 'http', status: 200, body: podList(rt, node) };
  if (p === '/healthz') return { kind: 'http', status: 200, body: 'ok' };
  return { kind: 'http', status: 404, body: '404 page not found\n' };
}

export function kubeletServer(rt: ClusterRuntime): KubeletServer {
  return {
    serve(node, port, path) {
      const cfg = authService(rt).components;
      if (port === 10255) {
        const ro = Number(cfg.get('kubelet', 'read-only-port'));
        if (!ro || ro !== 10255) return { kind: 'refused' };
        return content(rt, node, path);
      }
      if (port !== 10250) return undefined;
      if (cfg.get('kubelet', 'anonymous-auth') !== 'true') return { kind: 'http', status: 401, body: 'Unauthorized' };
      if (cfg.get('kubelet', 'authorization-mode') !== 'AlwaysAllow') {
        const sub = subresourceOf(path);
        const a = resourceAttributes({ name: 'system:anonymous', groups: ['system:unauthenticated'] }, 'get', '', 'nodes', '', node, sub);
        if (!authService(rt).authorize(a).allowed) return { kind: 'http', status: 403, body: `Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=${sub})` };
      }
      return content(rt, node, path);
    },
  };
}
