import { slashDate } from '../shell/format.ts';
import type { AppContext, AppStartResult, HttpRequest } from '../types.ts';
import { parseQuantityBytes } from './bytes.ts';

const MiB = 1024 * 1024;

/** registry.k8s.io/pause: sleeps until told to stop. */
export function pauseApp(): AppStartResult {
  return { ports: [], readyAfterMs: 0, memoryBytes: 256 * 1024, logs: [], onStop: () => ({ afterMs: 1, code: 0, logs: [] }) };
}

/** polinux/stress: `stress --vm 1 --vm-bytes 150M --vm-hang 1` holds that much memory. */
export function stressApp(ctx: AppContext): AppStartResult {
  const a = ctx.argv;
  const get = (n: string) => {
    const i = a.indexOf(n);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const vm = parseInt(get('--vm') ?? get('-m') ?? '0', 10) || 0;
  const cpu = parseInt(get('--cpu') ?? get('-c') ?? '0', 10) || 0;
  const io = parseInt(get('--io') ?? get('-i') ?? '0', 10) || 0;
  const bytes = parseQuantityBytes(get('--vm-bytes') ?? '256M');
  if (vm + cpu + io === 0) {
    return { error: '`stress\' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...', code: 1 };
  }
  const timeout = get('--timeout') ?? get('-t');
  const timeoutMs = timeout ? (parseInt(timeout, 10) || 0) * 1000 : undefined;
  const logs = [{ at: 0, text: `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, 0 hdd` }];
  if (timeoutMs !== undefined) logs.push({ at: timeoutMs, text: `stress: info: [1] successful run completed in ${timeoutMs / 1000}s` });
  return {
    ports: [],
    readyAfterMs: 0,
    memoryBytes: vm * bytes + 1 * MiB,
    logs,
    exit: timeoutMs !== undefined ? { at: timeoutMs, code: 0 } : undefined,
    onStop: () => undefined,
  };
}

/** registry.k8s.io/e2e-test-images/agnhost subcommands that tutorials and probes use. */
export function agnhostApp(ctx: AppContext): AppStartResult {
  const sub = ctx.argv[1];
  const opt = (name: string, dflt: string) => {
    for (const x of ctx.argv) if (x.startsWith(`--${name}=`)) return x.slice(name.length + 3);
    const i = ctx.argv.indexOf(`--${name}`);
    return i >= 0 ? ctx.argv[i + 1] ?? dflt : dflt;
  };
  const base = { readyAfterMs: 0, memoryBytes: 10 * MiB, onStop: () => undefined };
  switch (sub) {
    case 'pause':
      return { ...base, ports: [], logs: [{ at: 0, text: 'Paused' }], onStop: () => ({ afterMs: 1, code: 0, logs: ['Shutting down after receiving signal: terminated.', 'Exiting'] }) };
    case 'serve-hostname': {
      const port = parseInt(opt('port', '9376'), 10);
      return {
        ...base,
        ports: [port],
        logs: [{ at: 0, text: `${slashDate(ctx.startMs + 2)} Serving on port ${port}.` }],
        http: (req: HttpRequest) => (req.port === port ? { status: 200, body: ctx.hostname, contentType: 'text/plain' } : undefined),
      };
    }
    case 'liveness':
      // Serves /healthz: 200 for the first 10 seconds, 500 afterwards (the liveness docs example).
      return {
        ...base,
        ports: [8080],
        logs: [],
        http(req) {
          if (req.port !== 8080) return undefined;
          if (req.path.startsWith('/healthz')) {
            const ok = req.uptimeMs < 10_000;
            return ok ? { status: 200, body: 'ok', contentType: 'text/plain' } : { status: 500, body: `error: ${(req.uptimeMs / 1000).toFixed(6)}`, contentType: 'text/plain' };
          }
          return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
        },
      };
    case 'netexec': {
      const port = parseInt(opt('http-port', '8080'), 10);
      return {
        ...base,
        ports: [port, parseInt(opt('udp-port', '8081'), 10)],
        logs: [
          { at: 0, text: `I0101 00:00:00.000000       1 log.go:245] Started HTTP server on port ${port}` },
          { at: 0, text: `I0101 00:00:00.000000       1 log.go:245] Started UDP server on port  ${opt('udp-port', '8081')}` },
        ],
        http(req) {
          if (req.port !== port) return undefined;
          const [path, query = ''] = req.path.split('?');
          const q = new Map(query.split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
          switch (path) {
            case '/hostname':
              return { status: 200, body: ctx.hostname, contentType: 'text/plain' };
            case '/echo':
              return { status: 200, body: decodeURIComponent(q.get('msg') ?? ''), contentType: 'text/plain' };
            case '/healthz':
              return { status: 200, body: '', contentType: 'text/plain' };
            case '/clientip':
              return { status: 200, body: `${req.clientIP}:41234`, contentType: 'text/plain' };
            case '/':
              return { status: 200, body: `NOW: ${new Date(req.atMs).toISOString()}`, contentType: 'text/plain' };
            default:
              return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
          }
        },
      };
    }
    case undefined:
      return { error: 'Usage:\n  app [command]\n\nAvailable Commands:\n  liveness         Starts a http server that fails its /healthz after 10 seconds\n  netexec          Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n  pause            Pauses the execution\n  serve-hostname   Serves the hostname\n', code: 0 };
    default:
      return { error: `Error: unknown command "${sub}" for "app"\nRun 'app --help' for usage.`, code: 1 };
  }
}
