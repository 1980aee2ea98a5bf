/**
 * registry.k8s.io/ingress-nginx/controller: `/nginx-ingress-controller` under dumb-init. It serves HTTP on 80
 * and HTTPS on 443 as the nginx it drives would, health on 10254 (/healthz, /metrics), the validating webhook on
 * 8443 when asked to, and writes its generated /etc/nginx/nginx.conf. Routing decisions and the configuration
 * come from the cluster's ingress model (the `'ingress'` service); requests to a backend are proxied to the
 * chosen endpoint over the pod network, with the original Host header.
 */
import type { Repository } from '../catalog.ts';
import { clfDate } from '../shell/format.ts';
import type { AppContext, AppStartResult, HttpRequest, HttpResponse } from '../types.ts';

const MiB = 1024 * 1024;

/** What the controller asks of the cluster's ingress model. */
interface IngressModel {
  route(host: string, path: string, headers?: Record<string, string>, opts?: { scheme?: 'http' | 'https' }): {
    status?: number;
    body?: string;
    headers?: Record<string, string>;
    backend?: { namespace: string; service: string; port: number | string; endpoint: { ip: string; port: number } };
  };
  config(): string;
}

const RELEASE = 'v1.12.0';
const BUILD = 'ba73b2c24d355f1cdcf4b31ef7c5574059f12118';
const NGINX = '1.25.5';
const PID = 7;

/** klog's header: `I0101 00:00:05.123456       7 file.go:42] `. */
function klog(level: 'I' | 'W' | 'E' | 'F', unixMs: number, where: string, msg: string): string {
  const d = new Date(unixMs);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000 + ((unixMs * 337) % 1000)).padStart(6, '0');
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(PID).padStart(7)} ${where}] ${msg}`;
}

function errorPage(status: number, text: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A stable request id ($req_id: 32 hex digits). */
function requestId(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 32; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i) ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

function flag(argv: string[], name: string): string | undefined {
  for (const a of argv) if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  return undefined;
}

const defaultConf = '# nginx.conf of the image; the controller writes its own at the first sync.\npid /tmp/nginx/nginx.pid;\nevents {\n    worker_connections 16384;\n}\n';

export function ingressControllerApp(ctx: AppContext): AppStartResult {
  const podName = ctx.env.get('POD_NAME') ?? '';
  const podNs = ctx.env.get('POD_NAMESPACE') ?? '';
  const t0 = ctx.startMs;
  const banner = [
    '-------------------------------------------------------------------------------',
    'NGINX Ingress controller',
    `  Release:       ${RELEASE}`,
    `  Build:         ${BUILD}`,
    '  Repository:    https://github.com/kubernetes/ingress-nginx',
    `  nginx version: nginx/${NGINX}`,
    '',
    '-------------------------------------------------------------------------------',
    '',
  ].map((text) => ({ at: 0, text }));
  if (!podName || !podNs) {
    const lines = banner.map((l) => l.text);
    lines.push(klog('F', t0 + 40, 'main.go:120', 'Unexpected error obtaining ingress-nginx pod: unable to get POD information (missing POD_NAME or POD_NAMESPACE environment variable'));
    return { error: lines.join('\n'), code: 255, afterMs: 40 };
  }
  const webhook = flag(ctx.argv, 'validating-webhook');
  const election = flag(ctx.argv, 'election-id') ?? 'ingress-controller-leader';
  const at = (ms: number, level: 'I' | 'W', where: string, msg: string) => ({ at: ms, text: klog(level, t0 + ms, where, msg) });
  const logs = [
    ...banner,
    at(2, 'W', 'client_config.go:667', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
    at(3, 'I', 'main.go:205', '"Creating API client" host="https://10.96.0.1:443"'),
    at(15, 'I', 'main.go:248', '"Running in Kubernetes cluster" major="1" minor="32" git="v1.32.0" state="clean" commit="70d3cc986aa8221cd1dfb1121852688902d3bf53" platform="linux/amd64"'),
    at(160, 'I', 'main.go:101', '"SSL fake certificate created" file="/etc/ingress-controller/ssl/default-fake-certificate.pem"'),
    ...(webhook ? [at(171, 'I', 'ssl.go:535', '"loading tls certificate" path="/usr/local/certificates/cert" key="/usr/local/certificates/key"')] : []),
    at(182, 'I', 'nginx.go:271', '"Starting NGINX Ingress controller"'),
    at(1290, 'I', 'nginx.go:317', '"Starting NGINX process"'),
    at(1291, 'I', 'leaderelection.go:254', `attempting to acquire leader lease ${podNs}/${election}...`),
    ...(webhook ? [at(1291, 'I', 'nginx.go:337', `"Starting validation webhook" address="${webhook}" certPath="/usr/local/certificates/cert" keyPath="/usr/local/certificates/key"`)] : []),
    at(1293, 'I', 'controller.go:196', '"Configuration changes detected, backend reload required"'),
    at(1302, 'I', 'leaderelection.go:268', `successfully acquired lease ${podNs}/${election}`),
    at(1302, 'I', 'status.go:85', `"New leader elected" identity="${podName}"`),
    at(1361, 'I', 'controller.go:216', '"Backend successfully reloaded"'),
    at(1361, 'I', 'controller.go:227', '"Initial sync, sleeping for 1 second"'),
    at(1362, 'I', 'event.go:377', `Event(v1.ObjectReference{Kind:"Pod", Namespace:"${podNs}", Name:"${podName}", UID:"", APIVersion:"v1", ResourceVersion:"", FieldPath:""}): type: 'Normal' reason: 'RELOAD' NGINX reload triggered due to a change in configuration`),
  ];
  const model = () => ctx.cluster?.service<IngressModel>('ingress');
  ctx.fs.provide('/etc/nginx/nginx.conf', () => model()?.config() ?? defaultConf);
  const ports = [80, 443, 10254, ...(webhook ? [parseInt(webhook.replace(/^.*:/, ''), 10) || 8443] : [])];

  let served = 0;
  const proxy = (req: HttpRequest): HttpResponse => {
    served++;
    const host = req.host ?? ctx.podIP;
    const scheme = req.port === 443 ? 'https' : 'http';
    const r = model()?.route(host, req.path, req.headers, { scheme });
    let res: HttpResponse;
    let upstream = '-';
    let upstreamName = 'upstream-default-backend';
    if (!r) res = { status: 404, body: errorPage(404, 'Not Found'), contentType: 'text/html' };
    else if (!r.backend) res = { status: r.status ?? 404, body: r.body ?? '', contentType: 'text/html' };
    else {
      const b = r.backend;
      upstream = `${b.endpoint.ip}:${b.endpoint.port}`;
      upstreamName = `${b.namespace}-${b.service}-${b.port}`;
      const ans = ctx.cluster?.httpGet(`http://${upstream}${req.path}`, { ...(req.headers ?? {}), host });
      res = !ans || 'error' in ans ? { status: 502, body: errorPage(502, 'Bad Gateway'), contentType: 'text/html' } : { status: ans.status, body: ans.body };
    }
    const len = res.body.length;
    req.log(
      `${req.clientIP} - - [${clfDate(req.atMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${len} "-" "${req.userAgent}" ${78 + host.length} 0.00${upstream === '-' ? 0 : 2} ` +
        `[${upstreamName}] [] ${upstream} ${upstream === '-' ? '-' : len} ${upstream === '-' ? '-' : '0.002'} ${upstream === '-' ? '-' : res.status} ${requestId(`${podName}#${served}#${req.atMs}${host}${req.path}`)}`,
    );
    return res;
  };

  return {
    ports,
    readyAfterMs: 1290,
    memoryBytes: 96 * MiB,
    logs,
    onStop(_signal, atMs) {
      const t = (ms: number, where: string, msg: string) => klog('I', atMs + ms, where, msg);
      return {
        afterMs: 10_400,
        code: 0,
        logs: [
          t(0, 'sigterm.go:36', '"Received SIGTERM, shutting down"'),
          t(0, 'nginx.go:393', '"Shutting down controller queues"'),
          t(1, 'nginx.go:409', '"Stopping NGINX process"'),
          t(390, 'nginx.go:422', '"NGINX process has stopped"'),
          t(390, 'sigterm.go:44', 'Handled quit, delaying controller exit for 10 seconds'),
        ],
      };
    },
    http(req) {
      if (req.port === 10254) {
        const path = req.path.split('?')[0];
        if (path === '/healthz') return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
        if (path === '/metrics') {
          return {
            status: 200,
            body: `# HELP nginx_ingress_controller_build_info A metric with a constant '1' labeled with information about the build.\n# TYPE nginx_ingress_controller_build_info gauge\nnginx_ingress_controller_build_info{build="${BUILD}",controller_class="k8s.io/ingress-nginx",controller_namespace="${podNs}",controller_pod="${podName}",release="${RELEASE}",repository="https://github.com/kubernetes/ingress-nginx"} 1\n`,
            contentType: 'text/plain; version=0.0.4; charset=utf-8',
          };
        }
        return { status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8' };
      }
      if (req.port === 80) return proxy(req);
      if (req.port === 443) return { status: 400, body: errorPage(400, 'The plain HTTP request was sent to HTTPS port'), contentType: 'text/html' };
      return undefined;
    },
  };
}

/** registry.k8s.io/ingress-nginx/controller (Alpine-based; ENTRYPOINT dumb-init, CMD /nginx-ingress-controller). */
export const ingressNginxRepository: Repository = {
  name: 'registry.k8s.io/ingress-nginx/controller',
  versions: [
    { tags: ['v1.12.0'], size: 108_420_117, digest: 'sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa' },
  ],
  entrypoint: ['/usr/bin/dumb-init', '--'],
  cmd: ['/nginx-ingress-controller'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  stopSignal: 'SIGTERM',
  flavor: 'busybox',
  apps: {
    '/usr/bin/dumb-init': (ctx) => ({ exec: ctx.argv.slice(ctx.argv[1] === '--' ? 2 : 1) }),
    '/nginx-ingress-controller': ingressControllerApp,
  },
  files: { '/etc/nginx/nginx.conf': defaultConf, '/nginx-ingress-controller': '', '/wait-shutdown': '', '/dbg': '' },
};
