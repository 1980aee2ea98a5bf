// `kubectl create ingress` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_ingress.go), with Go's
// string splitting semantics kept: the rule regex is anchored only at the start, so text after the port
// is ignored, and rules the regex lets through but the builder cannot split panic as kubectl does.
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { objectMeta } from './meta.ts';
import { goIndex, parseInt32Port } from './goish.ts';

// host: [\w*.-]*, path: "/" then anything but a newline (Go's `.`), "=svc:port"; the optional
// `,tls[=secret]` tail cannot change whether the (unanchored) pattern matches.
const ruleRe = /^[\w*.-]*\/[^\n]*=[\w-]+:[\w-]+/;

export interface IngressOptions {
  name: string;
  namespace: string | undefined;
  ingressClass: string;
  rules: string[];
  annotations: string[];
  defaultBackend: string;
}

/** CreateIngressOptions.Validate. */
export function validateIngressOptions(o: IngressOptions): void {
  if (o.defaultBackend.length === 0 && o.rules.length === 0) {
    throw new KubectlError(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  }
  for (const rule of o.rules) {
    if (!ruleRe.test(rule)) throw new KubectlError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  for (const a of o.annotations) {
    if (!a.includes('=')) throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
  }
  if (o.defaultBackend.length > 0 && o.defaultBackend.split(':').length !== 2) {
    throw new KubectlError('default-backend should be in format servicename:serviceport');
  }
}

type Backend = { service: { name: string; port: { name?: string; number?: number } } };
type Path = { path: string; pathType: string; backend: Backend };
type Rule = { host?: string; http: { paths: Path[] } };
type TLS = { hosts?: string[]; secretName?: string };

/** parseServiceBackendPort: intstr.Parse (a base-10 int32, else a name); 0 is omitted as Go's omitempty does. */
function backendPort(port: string): { name?: string; number?: number } {
  const n = parseInt32Port(port);
  if (n === undefined) return { name: port };
  return n === 0 ? {} : { number: n };
}

function backendSvc(service: string): Backend {
  const parts = service.split(':');
  return { service: { name: parts[0], port: backendPort(goIndex(parts, 1, 'buildIngressBackendSvc')) } };
}

function httpPath(pathsvc: string): Path {
  const parts = pathsvc.split('=');
  let path = '/' + parts[0];
  const service = goIndex(parts, 1, 'buildHTTPIngressPath');
  let pathType = 'Exact';
  // A trailing `*` makes the path a Prefix and is removed.
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backendSvc(service) };
}

function splitN2(s: string, sep: string): string[] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + sep.length)];
}

/** buildTLSRules: one entry per secret, a host only once across entries. */
function tlsRules(rules: string[]): TLS[] {
  const seen = new Set<string>();
  const out: TLS[] = [];
  for (const rule of rules) {
    const tls = rule.split(',');
    if (tls.length !== 2) continue;
    const host = splitN2(rule, '/')[0];
    const secretParts = tls[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    if (seen.has(host)) continue;
    const idx = out.findIndex((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (idx > -1) {
      (out[idx].hosts ??= []).push(host);
      continue;
    }
    const entry: TLS = {};
    if (host !== '') entry.hosts = [host];
    if (secret !== '') entry.secretName = secret;
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}

/** buildIngressRules: paths of the same host gather under one rule. */
function ingressRules(rules: string[]): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const hostSplit = splitN2(rule.split(',')[0], '/');
    const host = hostSplit[0];
    const path = httpPath(goIndex(hostSplit, 1, 'buildIngressRules'));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) {
      existing.http.paths.push(path);
      continue;
    }
    out.push(host !== '' ? { host, http: { paths: [path] } } : { http: { paths: [path] } });
  }
  return out;
}

/** createIngress: the networking.k8s.io/v1 Ingress in Go struct field order. */
export function buildIngress(o: IngressOptions): KubeObject {
  const annotations: Record<string, string> = {};
  for (const a of o.annotations) {
    const [k, v] = splitN2(a, '=');
    annotations[k] = v;
  }
  const spec: Record<string, unknown> = {};
  if (o.ingressClass) spec.ingressClassName = o.ingressClass;
  if (o.defaultBackend) spec.defaultBackend = backendSvc(o.defaultBackend);
  const tls = tlsRules(o.rules);
  if (tls.length > 0) spec.tls = tls;
  const rules = ingressRules(o.rules);
  if (rules.length > 0) spec.rules = rules;
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: objectMeta(o.name, o.namespace, undefined, annotations),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}
