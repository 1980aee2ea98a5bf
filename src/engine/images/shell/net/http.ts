/* eslint-disable require-yield -- builtins share the generator signature; these never sleep. */
import type { Gen, ShIO, ShState } from '../run.ts';
import type { ConnectOutcome } from './types.ts';

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

/** `http://h:p/x`, `h:p/x`, `h/x`, `h` → parts (scheme defaults to http). */
export function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? parseInt(m[3], 10) : scheme === 'https' ? 443 : 80;
  const path = m[4] ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/';
  return { scheme, host: m[2], port, path };
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reason(status: number): string {
  return REASONS[status] ?? '';
}

/** Split argv into flags with values and operands, for tools whose listed flags take an argument. */
export function splitArgs(argv: string[], withValue: string[]): { flags: Map<string, string>; bools: Set<string>; operands: string[] } {
  const flags = new Map<string, string>();
  const bools = new Set<string>();
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags.set(name, a.slice(eq + 1));
      else if (withValue.includes(name)) flags.set(name, argv[++i] ?? '');
      else bools.add(name);
    } else if (a.startsWith('-') && a.length > 1) {
      // Short options may be bundled (-qO-, -sS, -zv); a value-taking letter takes the rest or the next word.
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (withValue.includes(ch)) {
          const rest = a.slice(j + 1);
          flags.set(ch, rest !== '' ? rest : argv[++i] ?? '');
          break;
        }
        bools.add(ch);
      }
    } else operands.push(a);
  }
  return { flags, bools, operands };
}

/** Every value of a repeatable option (`-H a -H b`, `-Ha`, `--header a`, `--header=a`). */
export function allValues(argv: string[], short: string | undefined, long: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${long}` || (short && a === `-${short}`)) out.push(argv[++i] ?? '');
    else if (a.startsWith(`--${long}=`)) out.push(a.slice(long.length + 3));
    else if (short && a.startsWith(`-${short}`) && !a.startsWith('--')) out.push(a.slice(2));
  }
  return out;
}

/** `Name: value` lines → a header map with lower-case names (curl drops a header given as `Name:`). */
export function headerMap(lines: string[]): Record<string, string> | undefined {
  const h: Record<string, string> = {};
  let any = false;
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i <= 0) continue;
    const value = l.slice(i + 1).trim();
    if (value === '') continue;
    h[l.slice(0, i).trim().toLowerCase()] = value;
    any = true;
  }
  return any ? h : undefined;
}

/** curl --resolve HOST:PORT:ADDR entries that apply to `host`:`port`. */
function resolveFor(entries: string[], host: string, port: number): string | undefined {
  for (const e of entries) {
    const m = /^\+?([^:]+):(\d+|\*):(\d+\.\d+\.\d+\.\d+)$/.exec(e);
    if (m && m[1].toLowerCase() === host.toLowerCase() && (m[2] === '*' || Number(m[2]) === port)) return m[3];
  }
  return undefined;
}

function progressLine(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

/** BusyBox wget: -q, -O FILE|-, -T SEC, --spider, -U; messages as BusyBox 1.36 prints them. */
export function* wget(st: ShState, argv: string[], io: ShIO): Gen {
  const { flags, bools, operands } = splitArgs(argv, ['O', 'T', 'U', 'o', 'header', 'timeout', 'user-agent', 'output-document']);
  const quiet = bools.has('q') || bools.has('quiet');
  const out = flags.get('O') ?? flags.get('output-document');
  const timeoutS = flags.get('T') ?? flags.get('timeout');
  const spider = bools.has('spider');
  const raw = operands[0];
  if (!raw) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const url = parseUrl(raw);
  if (!url) {
    io.err(`wget: bad address '${raw}'\n`);
    return 1;
  }
  if (url.scheme !== 'http' && url.scheme !== 'https') {
    io.err(`wget: not an http or ftp url: ${raw}\n`);
    return 1;
  }
  const net = st.m.net;
  if (!net) {
    const r = st.m.httpGet?.(`http://${url.host}:${url.port}${url.path}`);
    if (!r || 'error' in r) {
      io.err(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    if (out === '-') io.out(r.body);
    return 0;
  }
  const headers = headerMap(allValues(argv, undefined, 'header'));
  const res = net.connect({ host: url.host, port: url.port, path: url.path, app: 'http', scheme: url.scheme === 'https' ? 'https' : 'http', tool: 'wget', headers, timeoutMs: timeoutS ? parseFloat(timeoutS) * 1000 : undefined, at: st.m.now() });
  const o = res.outcome;
  const ipOf = (x: ConnectOutcome) => ('ip' in x ? x.ip : url.host);
  if (o.kind === 'nxdomain' || o.kind === 'dns-timeout') {
    io.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (!quiet) io.err(`Connecting to ${url.host} (${ipOf(o)}:${url.port})\n`);
  switch (o.kind) {
    case 'refused':
      io.err(`wget: can't connect to remote host (${o.ip}): Connection refused\n`);
      return 1;
    case 'unreachable':
      io.err(`wget: can't connect to remote host (${o.ip}): No route to host\n`);
      return 1;
    case 'timeout':
      io.err(timeoutS ? 'wget: download timed out\n' : `wget: can't connect to remote host (${o.ip}): Connection timed out\n`);
      return 1;
    case 'reset':
      io.err('wget: error getting response: Connection reset by peer\n');
      return 1;
    case 'http':
      break;
    default:
      io.err('wget: error getting response\n');
      return 1;
  }
  if (o.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${o.status} ${reason(o.status)}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) io.err('remote file exists\n');
    return 0;
  }
  if (out === '-') {
    if (!quiet) io.err('writing to stdout\n' + progressLine('-', o.body.length) + 'written to stdout\n');
    io.out(o.body);
    return 0;
  }
  const file = out ?? (url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  if (!out && st.m.fs.exists(file)) {
    io.err(`wget: can't open '${file}': File exists\n`);
    return 1;
  }
  st.m.fs.write(file, o.body);
  if (!quiet) io.err(`saving to '${file}'\n` + progressLine(file, o.body.length) + `'${file}' saved\n`);
  return 0;
}

/** curl 8.x: -s, -S, -f, -o FILE, -m SEC, --connect-timeout SEC, -w FORMAT, -I, -v (brief), -H HEADER, --resolve H:P:ADDR. */
export function* curl(st: ShState, argv: string[], io: ShIO): Gen {
  const { flags, bools, operands } = splitArgs(argv, ['o', 'm', 'w', 'H', 'X', 'd', 'A', 'connect-timeout', 'max-time', 'write-out', 'output', 'header', 'request', 'data', 'user-agent', 'resolve', 'cacert', 'capath', 'cert', 'key']);
  const silent = bools.has('s') || bools.has('silent');
  const showErr = bools.has('S') || bools.has('show-error');
  const fail = bools.has('f') || bools.has('fail');
  const head = bools.has('I') || bools.has('head');
  const verbose = bools.has('v') || bools.has('verbose');
  const maxTime = flags.get('m') ?? flags.get('max-time') ?? flags.get('connect-timeout');
  const writeOut = flags.get('w') ?? flags.get('write-out');
  const outFile = flags.get('o') ?? flags.get('output');
  const raw = operands[0];
  const err = (code: number, msg: string) => {
    if (!silent || showErr) io.err(msg + '\n');
    return code;
  };
  if (!raw) return err(2, "curl: try 'curl --help' or 'curl --manual' for more information");
  const url = parseUrl(raw);
  if (!url) return err(3, 'curl: (3) URL rejected: Malformed input to a URL function');
  if (url.scheme !== 'http' && url.scheme !== 'https') return err(1, `curl: (1) Protocol "${url.scheme}" not supported`);
  const net = st.m.net;
  if (!net) {
    const r = st.m.httpGet?.(`http://${url.host}:${url.port}${url.path}`) ?? { error: `curl: (6) Could not resolve host: ${url.host}` };
    if ('error' in r) return err(7, r.error);
    io.out(r.body);
    return 0;
  }
  const timeoutMs = maxTime ? parseFloat(maxTime) * 1000 : undefined;
  const headers = headerMap(allValues(argv, 'H', 'header'));
  const resolveTo = resolveFor(allValues(argv, undefined, 'resolve'), url.host, url.port);
  const res = net.connect({ host: url.host, port: url.port, path: url.path, app: 'http', scheme: url.scheme === 'https' ? 'https' : 'http', tool: 'curl', headers, resolveTo, timeoutMs, at: st.m.now(), ...(flags.has('cert') ? { clientCert: true } : {}) });
  const o = res.outcome;
  const ms = Math.max(1, Math.round(res.ms));
  const code = (() => {
    switch (o.kind) {
      case 'nxdomain':
      case 'dns-timeout':
        return err(6, `curl: (6) Could not resolve host: ${url.host}`);
      case 'refused':
      case 'unreachable':
        return err(7, `curl: (7) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Could not connect to server`);
      case 'timeout':
        return timeoutMs !== undefined
          ? err(28, `curl: (28) Connection timed out after ${Math.round(timeoutMs) + 1} milliseconds`)
          : err(28, `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached`);
      case 'reset':
        return err(56, 'curl: (56) Recv failure: Connection reset by peer');
      case 'closed':
        return err(52, 'curl: (52) Empty reply from server');
      case 'tls-failed':
        if (o.reason === 'cert-required') return err(56, 'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0');
        if (o.reason === 'wrong-version') return err(35, 'curl: (35) OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number');
        return err(35, `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${url.host}:${url.port} `);
      default:
        return -1;
    }
  })();
  const status = o.kind === 'http' ? o.status : 0;
  const writeOutText = () => {
    if (writeOut === undefined) return;
    io.out(writeOut.replace(/%\{http_code\}/g, String(status).padStart(3, '0')).replace(/%\{time_total\}/g, (res.ms / 1000).toFixed(6)).replace(/\\n/g, '\n'));
  };
  if (code >= 0) {
    writeOutText();
    return code;
  }
  if (o.kind !== 'http') return 0;
  if (verbose) io.err(`*   Trying ${url.host}:${url.port}...\n* Connected to ${url.host} port ${url.port}\n> GET ${url.path} HTTP/1.1\n> Host: ${headers?.host ?? `${url.host}${url.port === 80 ? '' : `:${url.port}`}`}\n> User-Agent: curl/8.11.1\n> Accept: */*\n>\n< HTTP/1.1 ${o.status} ${reason(o.status)}\n<\n`);
  if (fail && o.status >= 400) {
    writeOutText();
    return err(22, `curl: (22) The requested URL returned error: ${o.status}`);
  }
  const body = head ? `HTTP/1.1 ${o.status} ${reason(o.status)}\r\nContent-Length: ${o.body.length}\r\n\r\n` : o.body;
  if (outFile && outFile !== '-') st.m.fs.write(outFile, body);
  else io.out(body);
  writeOutText();
  return 0;
}
