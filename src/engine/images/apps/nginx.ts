import { clfDate, slashDate } from '../shell/format.ts';
import type { AppContext, AppInstance, HttpRequest, HttpResponse } from '../types.ts';

const MiB = 1024 * 1024;

function versionAtLeast(v: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(v);
  if (!m) return true;
  return +m[1] > major || (+m[1] === major && +m[2] >= minor);
}

function welcome(version: string): string {
  if (versionAtLeast(version, 1, 23)) {
    return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
  }
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
}

function errorPage(code: number, text: string, fullVersion: string): string {
  return `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx/${fullVersion}</center>\r\n</body>\r\n</html>\r\n`;
}

/** The nginx release a tag stands for (tags like `1.14` float to their latest patch). */
export function nginxRelease(tag: string): string {
  const map: Record<string, string> = {
    '1.14': '1.14.2', '1.15': '1.15.12', '1.16': '1.16.1', '1.17': '1.17.10', '1.19': '1.19.10', '1.20': '1.20.2',
    '1.21': '1.21.6', '1.22': '1.22.1', '1.23': '1.23.4', '1.24': '1.24.0', '1.25': '1.25.5', '1.26': '1.26.2',
    '1.27': '1.27.3', latest: '1.27.3', mainline: '1.27.3', stable: '1.26.2', alpine: '1.27.3', 'stable-alpine': '1.26.2',
  };
  const base = tag.replace(/-alpine.*$|-perl$/, '');
  return map[tag] ?? map[base] ?? (/^\d+\.\d+\.\d+$/.test(base) ? base : '1.27.3');
}

/** Entry-point lines printed by /docker-entrypoint.sh (images from 1.19 on). */
export function nginxEntrypointLines(version: string): string[] {
  if (!versionAtLeast(version, 1, 19)) return [];
  const lines = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  if (versionAtLeast(version, 1, 25)) lines.push('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
  lines.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh');
  if (versionAtLeast(version, 1, 21)) lines.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh');
  lines.push('/docker-entrypoint.sh: Configuration complete; ready for start up');
  return lines;
}

const DOCROOT = '/usr/share/nginx/html';
const ERROR_50X = '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n<p>If you are the system administrator of this resource then you should check\nthe error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n';

/** nginx's mime.types for the extensions a lab serves. */
function contentType(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json',
    txt: 'text/plain', xml: 'text/xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
  };
  return types[ext] ?? 'application/octet-stream';
}

/**
 * The image's default server (conf.d/default.conf): `root /usr/share/nginx/html; index index.html index.htm;`,
 * no autoindex. A directory without an index is forbidden; a directory named without its slash is redirected.
 */
function serveStatic(fs: AppContext['fs'], uri: string): { status: number; body?: string; file?: string; error?: string } {
  let path: string;
  try {
    path = decodeURIComponent(uri);
  } catch {
    return { status: 400 };
  }
  const file = DOCROOT + path;
  if (path.endsWith('/')) {
    if (!fs.isDir(file)) return { status: 404, error: `"${file}index.html" is not found (2: No such file or directory)` };
    for (const idx of ['index.html', 'index.htm']) {
      const body = fs.read(file + idx);
      if (body !== undefined) return { status: 200, body, file: file + idx };
    }
    return { status: 403, error: `directory index of "${file}" is forbidden` };
  }
  if (fs.isDir(file)) return { status: 301 };
  const body = fs.read(file);
  if (body === undefined) return { status: 404, error: `open() "${file}" failed (2: No such file or directory)` };
  return { status: 200, body, file };
}

const STATUS_TEXT: Record<number, string> = { 301: 'Moved Permanently', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };

/**
 * nginx that finds its port taken by another container of the pod: bind() fails with EADDRINUSE, it retries
 * five times 500 ms apart (ngx_open_listening_sockets), then gives up and exits 1. glibc (Debian images) says
 * "Address already in use", musl (Alpine images) "Address in use".
 */
function bindFailure(ctx: AppContext, logs: Array<{ at: number; text: string }>, v6: boolean): AppInstance {
  const errText = /alpine/.test(ctx.tag ?? '') ? 'Address in use' : 'Address already in use';
  const addrs = v6 ? ['0.0.0.0:80', '[::]:80'] : ['0.0.0.0:80'];
  for (let i = 0; i < 5; i++) {
    const ts = slashDate(ctx.startMs + i * 500);
    for (const a of addrs) {
      logs.push({ at: i * 500, text: `${ts} [emerg] 1#1: bind() to ${a} failed (98: ${errText})` });
      logs.push({ at: i * 500, text: `nginx: [emerg] bind() to ${a} failed (98: ${errText})` });
    }
    logs.push({ at: i * 500, text: `${ts} [notice] 1#1: try again to bind() after 500ms` });
  }
  logs.push({ at: 2500, text: `${slashDate(ctx.startMs + 2500)} [emerg] 1#1: still could not bind()` });
  logs.push({ at: 2500, text: 'nginx: [emerg] still could not bind()' });
  return { ports: [], readyAfterMs: 0, memoryBytes: 2 * MiB, logs, exit: { at: 2500, code: 1 }, onStop: () => ({ afterMs: 0, code: 0, logs: [] }) };
}

export function nginxApp(ctx: AppContext, withEntrypoint: boolean): AppInstance {
  const version = nginxRelease(ctx.version);
  const modern = versionAtLeast(version, 1, 19);
  const t0 = ctx.startMs;
  const logs: Array<{ at: number; text: string }> = [];
  if (withEntrypoint) for (const l of nginxEntrypointLines(version)) logs.push({ at: 0, text: l });
  const taken = ctx.portInUse?.(80);
  // The entrypoint's 10-listen-on-ipv6-by-default.sh adds `listen [::]:80`; bind() comes before the event loop.
  if (taken) return bindFailure(ctx, logs, withEntrypoint && modern && taken.dualStack);
  if (modern) {
    const ts = slashDate(t0);
    const notices = [
      'using the "epoll" event method',
      `nginx/${version}`,
      versionAtLeast(version, 1, 25) ? 'built by gcc 12.2.0 (Debian 12.2.0-14) ' : 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ',
      'OS: Linux 6.8.0-1019-gcp',
      'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      'start worker processes',
      'start worker process 29',
      'start worker process 30',
    ];
    for (const n of notices) logs.push({ at: 0, text: `${ts} [notice] 1#1: ${n}` });
  }
  // The image ships the welcome page of its release and the 50x page in the docroot.
  if (ctx.fs.read(`${DOCROOT}/index.html`) === '') ctx.fs.write(`${DOCROOT}/index.html`, welcome(version));
  if (!ctx.fs.exists(`${DOCROOT}/50x.html`) && !ctx.fs.isReadOnly(DOCROOT)) ctx.fs.write(`${DOCROOT}/50x.html`, ERROR_50X);
  return {
    processTitles: [
      { user: 'root', title: `nginx: master process ${ctx.argv.join(' ')}` },
      { user: '101', title: 'nginx: worker process' },
      { user: '101', title: 'nginx: worker process' },
    ],
    dualStack: withEntrypoint && modern,
    ports: [80],
    readyAfterMs: 0,
    memoryBytes: 9 * MiB,
    logs,
    onStop(signal, atMs) {
      if (!modern) return { afterMs: 60, code: 0, logs: [] };
      const ts = slashDate(atMs);
      const num = signal === 'SIGQUIT' ? 3 : 15;
      const lines =
        num === 3
          ? [
              `${ts} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
              `${ts} [notice] 29#29: gracefully shutting down`,
              `${ts} [notice] 29#29: exiting`,
              `${ts} [notice] 29#29: exit`,
              `${ts} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
              `${ts} [notice] 1#1: worker process 29 exited with code 0`,
              `${ts} [notice] 1#1: exit`,
            ]
          : [`${ts} [notice] 1#1: signal 15 (SIGTERM) received, exiting`, `${ts} [notice] 1#1: exit`];
      return { afterMs: 60, code: 0, logs: lines };
    },
    http(req: HttpRequest): HttpResponse | undefined {
      if (req.port !== 80) return undefined;
      const uri = req.path.split('?')[0];
      const host = req.host ?? req.clientIP;
      const r = serveStatic(ctx.fs, uri);
      const res: HttpResponse =
        r.status === 200
          ? { status: 200, body: r.body ?? '', contentType: contentType(r.file ?? '') }
          : { status: r.status, body: errorPage(r.status, STATUS_TEXT[r.status] ?? '', version), contentType: 'text/html' };
      if (r.error) {
        req.log(`${slashDate(req.atMs)} [error] 29#29: *${Math.floor(req.uptimeMs / 1000) + 1} ${r.error}, client: ${req.clientIP}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${host}"`);
      }
      req.log(`${req.clientIP} - - [${clfDate(req.atMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.userAgent}" "-"`);
      return res;
    },
  };
}
