import type { ClusterRuntime } from '../runtime.ts';
import type { KubeletManager } from './manager.ts';
import type { PodWorker } from './worker.ts';

export const KUBELET_MANAGER = 'kubelet-manager';

export type HttpAnswer = { status: number; body: string } | { error: string };

/**
 * Ask a pod's containers for `path` on `port`, as a client at `clientIP` would. `headers` are the request's
 * headers (lower-case names); `host` among them is the Host header, else the pod IP dialled.
 */
export function httpToWorker(w: PodWorker, port: number, path: string, clientIP: string, userAgent = 'curl/8.11.1', headers?: Record<string, string>): HttpAnswer {
  const t = w.unix(w.now());
  const url = `http://${w.podIP}:${port}${path}`;
  for (const c of w.ctrs) {
    if (c.state.kind !== 'running' || !c.proc) continue;
    if (!c.proc.listening(port, t)) continue;
    const host = (headers?.host ?? w.podIP ?? '').replace(/:\d+$/, '');
    const res = c.proc.http(port, path, t, clientIP, userAgent, { host, headers });
    if (!res) return { error: `Get "${url}": read: connection reset by peer` };
    return { status: res.status, body: res.body };
  }
  return { error: `Get "${url}": dial tcp ${w.podIP}:${port}: connect: connection refused` };
}

/** A TCP connection to a pod's container on `port` that sends `data` and reads the reply; refused when nothing listens. */
export function tcpToWorker(w: PodWorker, port: number, data: string, clientIP: string): { reply: string } | { error: 'refused' } {
  const t = w.unix(w.now());
  for (const c of w.ctrs) {
    if (c.state.kind !== 'running' || !c.proc) continue;
    const reply = c.proc.tcp(port, data, t, clientIP);
    if (reply !== undefined) return { reply };
  }
  return { error: 'refused' };
}

/**
 * HTTP GET against a pod's simulated app (for Service networking, port-forward, curl from other pods).
 * Errors read like Go's net/http client errors.
 */
export function httpGet(rt: ClusterRuntime, podNamespace: string, podName: string, port: number, path = '/'): HttpAnswer {
  const mgr = rt.service<KubeletManager>(KUBELET_MANAGER);
  const w = mgr?.worker(podNamespace, podName);
  if (!w || !w.podIP || w.terminal) return { error: `pods "${podName}" not running` };
  return httpToWorker(w, port, path.startsWith('/') ? path : `/${path}`, '10.244.0.1');
}

/** `curl`/`wget` from inside a container: pod IPs answer directly; other hosts go to the network service if any. */
export function httpUrl(rt: ClusterRuntime, url: string, fromIP: string, headers?: Record<string, string>): HttpAnswer {
  const m = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return { error: `curl: (3) URL rejected: Malformed input to a URL function` };
  const host = m[1];
  const port = m[2] ? parseInt(m[2], 10) : 80;
  const path = m[3] ?? '/';
  const mgr = rt.service<KubeletManager>(KUBELET_MANAGER);
  const w = mgr?.byIP(host);
  if (w) return httpToWorker(w, port, path, fromIP, undefined, headers);
  const net = rt.service<{ httpGet?(host: string, port: number, path: string, fromIP: string): HttpAnswer }>('network');
  if (net?.httpGet) return net.httpGet(host, port, path, fromIP);
  return /^\d+\.\d+\.\d+\.\d+$/.test(host)
    ? { error: `curl: (7) Failed to connect to ${host} port ${port} after 1 ms: Could not connect to server` }
    : { error: `curl: (6) Could not resolve host: ${host}` };
}
