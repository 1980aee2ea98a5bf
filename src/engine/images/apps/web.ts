import { apacheDate, slashDate } from '../shell/format.ts';
import type { AppContext, AppInstance, AppStartResult, HttpRequest, HttpResponse } from '../types.ts';

const MiB = 1024 * 1024;

function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `-${name}` || a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2);
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function portOf(listen: string | undefined, dflt: number): number {
  const m = /(\d+)$/.exec(listen ?? '');
  return m ? parseInt(m[1], 10) : dflt;
}

/** httpd (Apache) in the foreground. */
export function httpdApp(ctx: AppContext): AppInstance {
  const t = ctx.startMs;
  const warn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
  return {
    ports: [80],
    readyAfterMs: 0,
    memoryBytes: 12 * MiB,
    logs: [
      { at: 0, text: warn },
      { at: 0, text: warn },
      { at: 0, text: `[${apacheDate(t)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations` },
      { at: 0, text: `[${apacheDate(t)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'` },
    ],
    onStop(_signal, atMs) {
      return { afterMs: 50, code: 0, logs: [`[${apacheDate(atMs)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`] };
    },
    http(req) {
      if (req.port !== 80) return undefined;
      const ok = req.path === '/' || req.path === '/index.html';
      const res: HttpResponse = ok
        ? { status: 200, body: '<html><body><h1>It works!</h1></body></html>\n', contentType: 'text/html' }
        : { status: 404, body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', contentType: 'text/html' };
      req.log(`${req.clientIP} - - [${new Date(req.atMs).toUTCString()}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length}`);
      return res;
    },
  };
}

/** hashicorp/http-echo: answers every path with -text. */
export function httpEcho(ctx: AppContext): AppStartResult {
  const text = flag(ctx.argv, 'text') ?? 'hello-world';
  const listen = flag(ctx.argv, 'listen') ?? ':5678';
  const port = portOf(listen, 5678);
  return {
    ports: [port],
    readyAfterMs: 0,
    memoryBytes: 4 * MiB,
    logs: [{ at: 0, text: `${slashDate(ctx.startMs)} [INFO] server is listening on ${listen}` }],
    onStop(_s, atMs) {
      return { afterMs: 5, code: 0, logs: [`${slashDate(atMs)} [INFO] received interrupt, shutting down...`] };
    },
    http(req) {
      if (req.port !== port) return undefined;
      const body = req.path === '/health' ? '{"status":"ok"}\n' : text + '\n';
      req.log(`${slashDate(req.atMs)} ${ctx.podIP}:${port} ${req.clientIP}:41234 "${req.method} ${req.path} HTTP/1.1" 200 ${body.length} "${req.userAgent}" 31.2µs`);
      return { status: 200, body, contentType: 'text/plain' };
    },
  };
}

/** gcr.io/google-samples/hello-app. */
export function helloApp(ctx: AppContext): AppInstance {
  const port = parseInt(ctx.env.get('PORT') ?? '8080', 10) || 8080;
  const version = ctx.version.startsWith('2') ? '2.0.0' : '1.0.0';
  return {
    ports: [port],
    readyAfterMs: 0,
    memoryBytes: 6 * MiB,
    logs: [{ at: 0, text: `${slashDate(ctx.startMs)} Server listening on port ${port}` }],
    onStop: () => undefined,
    http(req) {
      if (req.port !== port) return undefined;
      req.log(`${slashDate(req.atMs)} Serving request: ${req.path}`);
      return { status: 200, body: `Hello, world!\nVersion: ${version}\nHostname: ${ctx.hostname}\n`, contentType: 'text/plain' };
    },
  };
}

/** registry.k8s.io/echoserver: echoes the request back. */
export function echoServer(ctx: AppContext): AppInstance {
  return {
    ports: [8080],
    readyAfterMs: 0,
    memoryBytes: 8 * MiB,
    logs: [{ at: 10, text: `Generating self-signed cert` }, { at: 25, text: 'Starting nginx' }],
    onStop: (_s) => ({ afterMs: 50, code: 0, logs: [] }),
    http(req: HttpRequest) {
      if (req.port !== 8080) return undefined;
      const body = `\n\nHostname: ${ctx.hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address=${req.clientIP}\n\tmethod=${req.method}\n\treal path=${req.path}\n\tquery=\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${ctx.podIP}:8080${req.path}\n\nRequest Headers:\n\taccept=*/*\n\thost=${ctx.podIP}:8080\n\tuser-agent=${req.userAgent}\n\nRequest Body:\n\t-no body in request-\n\n`;
      req.log(`${req.clientIP} - - [${new Date(req.atMs).toUTCString()}] "${req.method} ${req.path} HTTP/1.1" 200 ${body.length} "-" "${req.userAgent}"`);
      return { status: 200, body, contentType: 'text/plain' };
    },
  };
}

/** registry.k8s.io/goproxy: a TCP proxy on 8080 (the docs' tcpSocket probe example). */
export function goproxy(): AppInstance {
  return {
    ports: [8080],
    readyAfterMs: 0,
    memoryBytes: 5 * MiB,
    logs: [],
    onStop: () => undefined,
  };
}
