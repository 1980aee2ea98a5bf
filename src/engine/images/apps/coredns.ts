import type { Repository } from '../catalog.ts';
import type { AppContext, AppStartResult, HttpRequest } from '../types.ts';

const MiB = 1024 * 1024;

/** A stable pseudo-digest of the Corefile text (the reload plugin logs the configuration's SHA512). */
function configDigest(text: string): string {
  let out = '';
  let h = 2166136261;
  for (let round = 0; out.length < 128; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i) ^ round, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 128);
}

/**
 * CoreDNS (`/coredns -conf /etc/coredns/Corefile`): DNS on 53, health on 8080 (/health), readiness on 8181
 * (/ready), Prometheus metrics on 9153. The answers themselves come from the cluster DNS model
 * (network/dns), which reads the same API objects the kubernetes plugin watches.
 */
export function corednsApp(ctx: AppContext): AppStartResult {
  const i = ctx.argv.indexOf('-conf');
  const confPath = i >= 0 ? ctx.argv[i + 1] : 'Corefile';
  const conf = confPath ? ctx.fs.read(confPath) : undefined;
  if (conf === undefined) {
    return { error: `Error: open ${confPath ?? 'Corefile'}: no such file or directory`, code: 1 };
  }
  return {
    ports: [53, 8080, 8181, 9153],
    // /ready answers once the kubernetes plugin has synced its informers; the simulated API is synced at once.
    readyAfterMs: 0,
    memoryBytes: 18 * MiB,
    logs: [
      { at: 0, text: '.:53' },
      { at: 0, text: `[INFO] plugin/reload: Running configuration SHA512 = ${configDigest(conf)}` },
      { at: 0, text: `CoreDNS-${ctx.version.replace(/^v/, '')}` },
      { at: 0, text: 'linux/amd64, go1.21.11, a6338e9' },
    ],
    onStop: () => ({ afterMs: 5000, code: 0, logs: ['[INFO] SIGTERM: Shutting down servers then terminating', '[INFO] plugin/health: Going into lameduck mode for 5s'] }),
    http(req: HttpRequest) {
      if (req.port === 8080 && req.path === '/health') return { status: 200, body: 'OK', contentType: 'text/plain' };
      if (req.port === 8181 && req.path === '/ready') return { status: 200, body: 'OK', contentType: 'text/plain' };
      if (req.port === 9153 && req.path === '/metrics') {
        return { status: 200, body: '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n', contentType: 'text/plain; version=0.0.4' };
      }
      if (req.port === 8080 || req.port === 8181 || req.port === 9153) return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
      return undefined;
    },
  };
}

/** registry.k8s.io/coredns/coredns: a distroless image holding only /coredns. */
export const corednsRepository: Repository = {
  name: 'registry.k8s.io/coredns/coredns',
  bare: true,
  versions: [{ tags: ['v1.11.3'], size: 18_562_039 }, { tags: ['v1.11.1'], size: 18_182_961 }, { tags: ['v1.10.1'], size: 16_190_758 }],
  entrypoint: ['/coredns'],
  cmd: [],
  env: {},
  stopSignal: 'SIGTERM',
  flavor: 'busybox',
  apps: { '/coredns': corednsApp },
};

/** registry.k8s.io/e2e-test-images/jessie-dnsutils: Debian with bind's dig, nslookup and host (the DNS debugging pod). */
export const dnsutilsRepository: Repository = {
  name: 'registry.k8s.io/e2e-test-images/jessie-dnsutils',
  versions: [{ tags: ['1.3', '1.7'], size: 112_183_412 }],
  entrypoint: [],
  cmd: ['/bin/sh'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'gnu',
  apps: {},
  files: { '/usr/bin/dig': '', '/usr/bin/nslookup': '', '/usr/bin/host': '' },
};
