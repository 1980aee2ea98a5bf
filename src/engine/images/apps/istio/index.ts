/**
 * Istio's images: docker.io/istio/pilot (istiod's `pilot-discovery`) and docker.io/istio/proxyv2
 * (`pilot-agent`, which runs Envoy as a sidecar or gateway, and `istio-iptables` for the istio-init container).
 * What the proxies do with traffic comes from the mesh model (the `'istiod'` service and the data plane);
 * these images provide the processes, ports, probes and logs.
 */
import type { Repository } from '../../catalog.ts';
import type { AppContext, AppStartResult, HttpRequest } from '../../types.ts';
import { istioIptablesSave, parseIptablesArgs } from './iptables.ts';

const MiB = 1024 * 1024;
export const ISTIO_VERSION = '1.24.2';

function isoLog(ms: number, level: string, scope: string, msg: string): string {
  return `${new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')}\t${level}\t${scope}\t${msg}`;
}

/** pilot-discovery discovery: xDS on 15010/15012, monitoring on 15014, webhooks on 15017, /ready on 8080. */
function pilotDiscovery(ctx: AppContext): AppStartResult {
  if (ctx.argv[1] !== 'discovery') return { error: `Error: unknown command "${ctx.argv[1] ?? ''}" for "pilot-discovery"`, code: 1 };
  return {
    ports: [8080, 15010, 15012, 15014, 15017],
    readyAfterMs: 2000,
    memoryBytes: 72 * MiB,
    logs: [
      { at: 0, text: isoLog(ctx.startMs, 'info', 'FLAG', '--domain="cluster.local"') },
      { at: 5, text: isoLog(ctx.startMs + 5, 'info', 'klog', 'Config not passed for server, using default') },
      { at: 900, text: isoLog(ctx.startMs + 900, 'info', 'ads', 'All caches have been synced up in 812.345ms, marking server ready') },
      { at: 1000, text: isoLog(ctx.startMs + 1000, 'info', 'ads', 'starting discovery service at [::]:15010') },
    ],
    onStop: () => ({ afterMs: 1000, code: 0, logs: [isoLog(ctx.startMs, 'info', 'Shutting down', '')] }),
    http(req: HttpRequest) {
      if (req.port === 8080 && req.path === '/ready') return { status: 200, body: '', contentType: 'text/plain' };
      if (req.port === 8080 && req.path === '/version') return { status: 200, body: `${ISTIO_VERSION}\n`, contentType: 'text/plain' };
      if (req.port === 15014 && req.path === '/metrics') return { status: 200, body: `istio_build{component="pilot",tag="${ISTIO_VERSION}"} 1\n`, contentType: 'text/plain' };
      return req.port === 8080 || req.port === 15014 ? { status: 404, body: '404 page not found\n', contentType: 'text/plain' } : undefined;
    },
  };
}

/** pilot-agent: `proxy sidecar|router` runs Envoy; `istio-iptables` writes the capture rules and exits. */
function pilotAgent(ctx: AppContext): AppStartResult {
  const sub = ctx.argv[1];
  if (sub === 'istio-iptables') {
    const rules = istioIptablesSave(parseIptablesArgs(ctx.argv.slice(2)));
    return {
      ports: [],
      readyAfterMs: 0,
      memoryBytes: 8 * MiB,
      logs: [
        { at: 0, text: isoLog(ctx.startMs, 'info', '', 'Istio iptables environment:') },
        { at: 1, text: isoLog(ctx.startMs + 1, 'info', '', 'Running iptables restore with the following input:') },
        ...rules.trimEnd().split('\n').map((text, i) => ({ at: 2 + i, text })),
      ],
      exit: { at: 200, code: 0 },
      onStop: () => ({ afterMs: 0, code: 0, logs: [] }),
    };
  }
  if (sub !== 'proxy') return { error: `Error: unknown command "${sub ?? ''}" for "pilot-agent"`, code: 1 };
  const router = ctx.argv[2] === 'router';
  return {
    ports: router ? [8080, 8443, 15000, 15021, 15090, 15020] : [15000, 15001, 15006, 15021, 15090, 15020],
    readyAfterMs: 1500,
    memoryBytes: 40 * MiB,
    logs: [
      { at: 0, text: isoLog(ctx.startMs, 'info', 'FLAG', `--concurrency="${router ? 0 : 2}"`) },
      { at: 2, text: isoLog(ctx.startMs + 2, 'info', '', `Version ${ISTIO_VERSION}-6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c-Clean`) },
      { at: 10, text: isoLog(ctx.startMs + 10, 'info', '', `Proxy role: &model.Proxy{Type:"${router ? 'router' : 'sidecar'}", IPAddresses:[]string{"${ctx.podIP}"}, DNSDomain:"cluster.local"}`) },
      { at: 1200, text: isoLog(ctx.startMs + 1200, 'info', 'xdsproxy', 'connected to delta upstream XDS server: istiod.istio-system.svc:15012') },
      { at: 1500, text: isoLog(ctx.startMs + 1500, 'info', '', 'Envoy proxy is ready') },
    ],
    onStop: () => ({ afterMs: 5000, code: 0, logs: ['Graceful termination period is 5s, starting...', 'Graceful termination period complete, terminating remaining proxies.'] }),
    http(req: HttpRequest) {
      if (req.port === 15021 && req.path === '/healthz/ready') return { status: 200, body: '', contentType: 'text/plain' };
      if ((req.port === 15090 || req.port === 15020) && req.path.startsWith('/stats/prometheus')) return { status: 200, body: '# TYPE envoy_server_live gauge\nenvoy_server_live{} 1\n', contentType: 'text/plain' };
      return undefined;
    },
  };
}

const base = {
  cmd: [],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'gnu' as const,
};

export const istioPilotRepository: Repository = {
  ...base,
  name: 'docker.io/istio/pilot',
  bare: true,
  versions: [{ tags: [ISTIO_VERSION], size: 70_324_118 }],
  entrypoint: ['/usr/local/bin/pilot-discovery'],
  apps: { '/usr/local/bin/pilot-discovery': pilotDiscovery, 'pilot-discovery': pilotDiscovery },
};

export const istioProxyRepository: Repository = {
  ...base,
  name: 'docker.io/istio/proxyv2',
  versions: [{ tags: [ISTIO_VERSION], size: 94_117_620 }],
  entrypoint: ['/usr/local/bin/pilot-agent'],
  apps: { '/usr/local/bin/pilot-agent': pilotAgent, 'pilot-agent': pilotAgent },
};
