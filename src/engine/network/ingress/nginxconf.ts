/**
 * The generated nginx.conf of ingress-nginx, reduced to what the lessons inspect: one `server` block per
 * host between `## start server` / `## end server` markers, locations in ingress-nginx's order (longest
 * path first; Prefix paths as `location /p/` plus `location = /p`), the `set $...` variables naming
 * namespace, Ingress, Service and port, the canary alternative upstream, and the TLS certificate. The
 * upstreams live in Lua (`balancer.balance()`), so their endpoints are listed as `/dbg backends` would.
 */
import type { IngressBackend } from '../../api/kinds/ingress.ts';
import type { ObjectStore } from '../../store/store.ts';
import { CATCH_ALL, type Location, type Model, type Server } from './model.ts';
import { FAKE_CERT } from './route.ts';

function upstreamName(ns: string, b: IngressBackend): string {
  if (!b.service) return 'upstream-default-backend';
  const port = b.service.port?.number ? String(b.service.port.number) : (b.service.port?.name ?? '');
  return `${ns}-${b.service.name ?? ''}-${port}`;
}

function locationBlock(l: Location, spec: string, out: string[]): void {
  const [ns, ing] = l.ingress.split('/');
  const svc = l.backend.service;
  const port = svc?.port?.number ? String(svc.port.number) : (svc?.port?.name ?? '');
  out.push(`\t\tlocation ${spec} {`);
  out.push(`\t\t\tset $namespace      "${ns}";`, `\t\t\tset $ingress_name   "${ing}";`, `\t\t\tset $service_name   "${svc?.name ?? ''}";`, `\t\t\tset $service_port   "${port}";`, `\t\t\tset $location_path  "${l.path}";`);
  out.push('', `\t\t\tset $proxy_upstream_name "${upstreamName(l.namespace, l.backend)}";`);
  if (l.canary) out.push(`\t\t\tset $proxy_alternative_upstream_name "${upstreamName(l.namespace, l.canary.backend)}";`);
  out.push('', '\t\t\tproxy_pass http://upstream_balancer;', '\t\t}', '');
}

function serverBlock(store: ObjectStore, s: Server, out: string[]): void {
  out.push(`\t## start server ${s.host}`, '\tserver {', `\t\tserver_name ${s.host} ;`, '');
  if (s.host === CATCH_ALL) out.push('\t\tlisten 80 default_server reuseport backlog=4096 ;', '\t\tlisten 443 default_server reuseport backlog=4096 ssl http2 ;');
  else out.push('\t\tlisten 80  ;', '\t\tlisten 443  ssl http2 ;');
  out.push('', '\t\tset $proxy_upstream_name "-";', '');
  if (s.tls) {
    const found = !!store.get('secrets', s.tls.namespace, s.tls.secretName);
    out.push(`\t\t# PEM sha: certificate of Secret ${s.tls.namespace}/${s.tls.secretName}${found ? '' : ` (not found: serving the ${FAKE_CERT})`}`);
    out.push('\t\tssl_certificate_by_lua_block {', '\t\t\tcertificate.call()', '\t\t}', '');
  }
  const locs = [...s.locations].sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
  for (const l of locs) {
    if (l.pathType === 'Exact') locationBlock(l, `= ${l.path}`, out);
    else if (l.pathType === 'Prefix' && l.path !== '/') {
      const p = l.path.replace(/\/+$/, '');
      locationBlock(l, `${p}/`, out);
      locationBlock(l, `= ${p}`, out);
    } else locationBlock(l, l.path || '/', out);
  }
  if (!locs.some((l) => l.path === '/' && l.pathType !== 'Exact')) {
    if (s.defaultLocation) locationBlock(s.defaultLocation, '/', out);
    else out.push('\t\tlocation / {', '\t\t\tset $proxy_upstream_name "upstream-default-backend";', '\t\t\tproxy_pass http://upstream_balancer;', '\t\t}', '');
  }
  out.push('\t}', `\t## end server ${s.host}`, '');
}

export function renderNginxConf(store: ObjectStore, m: Model, endpoints: (ns: string, b: IngressBackend) => string[]): string {
  const out: string[] = [
    '# Configuration checksum: kubelab',
    '',
    '# setup custom paths that do not require root access',
    'pid /tmp/nginx/nginx.pid;',
    '',
    'daemon off;',
    '',
    'worker_processes 2;',
    '',
    'events {',
    '\tmulti_accept        on;',
    '\tworker_connections  16384;',
    '\tuse                 epoll;',
    '}',
    '',
    'http {',
    '\tupstream upstream_balancer {',
    '\t\t### Attention!!!',
    '\t\t#',
    '\t\t# We no longer create "upstream" section for every backend.',
    '\t\t# Backends are handled dynamically using Lua. If you would like to debug',
    '\t\t# and see what backends ingress-nginx has in its memory you can',
    '\t\t# install our kubectl plugin https://kubernetes.github.io/ingress-nginx/kubectl-plugin.',
    '\t\t# Once you have the plugin you can use "kubectl ingress-nginx backends" command to',
    '\t\t# inspect current backends.',
    '\t\t#',
    '\t\t###',
    '',
    '\t\tserver 0.0.0.1; # placeholder',
    '',
    '\t\tbalancer_by_lua_block {',
    '\t\t\tbalancer.balance()',
    '\t\t}',
    '\t}',
    '',
  ];
  const hosts = [...m.servers.keys()].sort((a, b) => (a === CATCH_ALL ? -1 : b === CATCH_ALL ? 1 : a < b ? -1 : 1));
  for (const h of hosts) serverBlock(store, m.servers.get(h)!, out);
  out.push('}', '');
  const ups = new Map<string, string[]>();
  for (const s of m.servers.values()) {
    for (const l of [...s.locations, ...(s.defaultLocation ? [s.defaultLocation] : [])]) {
      ups.set(upstreamName(l.namespace, l.backend), endpoints(l.namespace, l.backend));
      if (l.canary) ups.set(upstreamName(l.namespace, l.canary.backend), endpoints(l.namespace, l.canary.backend));
    }
  }
  out.push('# backends (kubectl ingress-nginx backends --list, with endpoints)');
  for (const [name, eps] of [...ups].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`#   ${name}: ${eps.length ? eps.join(' ') : '<no endpoints: 503>'}`);
  for (const w of m.warnings) out.push(`# warning: ${w}`);
  return out.join('\n') + '\n';
}
