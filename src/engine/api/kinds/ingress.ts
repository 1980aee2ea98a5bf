import { parseIP } from '../../network/policy/cidr.ts';
import type { FieldError } from '../types.ts';
import { invalid, notSupported, required } from '../validation/field.ts';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain, regexError, maxLenError } from '../validation/names.ts';
import { defineKind } from './define.ts';
import { validateTypedLocalObjectReference } from './ingressclass.ts';

export interface ServiceBackendPort {
  name?: string;
  number?: number;
}
export interface IngressBackend {
  service?: { name?: string; port?: ServiceBackendPort } | null;
  resource?: { apiGroup?: string; kind?: string; name?: string } | null;
}
export interface HTTPIngressPath {
  path?: string;
  pathType?: string;
  backend: IngressBackend;
}
export interface IngressRule {
  host?: string;
  http?: { paths?: HTTPIngressPath[] } | null;
}
export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}
export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend | null;
  tls?: IngressTLS[];
  rules?: IngressRule[];
}
export interface IngressStatus {
  loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string; ports?: unknown[] }> };
}

export const ingressClassAnnotation = 'kubernetes.io/ingress.class';
const supportedPathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

const dns1123SubdomainFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const wildcardFmt = '\\*\\.' + dns1123SubdomainFmt;
const wildcardRe = new RegExp(`^${wildcardFmt}$`);
const wildcardMsg =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** validation.IsWildcardDNS1123Subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!wildcardRe.test(value)) errs.push(regexError(wildcardMsg, wildcardFmt, '*.example.com'));
  return errs;
}

function validateHost(host: string, path: string): FieldError[] {
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  return msgs.map((m) => invalid(path, host, m));
}

/** validateIngressBackend. */
export function validateIngressBackend(b: IngressBackend, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const svc = b.service;
  if (b.resource && svc) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (b.resource) return validateTypedLocalObjectReference(b.resource, `${path}.resource`);
  if (!svc) return [invalid(path, '', 'resource or service backend is required')];
  if (!svc.name) errs.push(required(`${path}.service.name`, ''));
  else for (const m of nameIsDNS1035Label(svc.name, false)) errs.push(invalid(`${path}.service.name`, svc.name, m));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName && portNumber) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) for (const m of isValidPortName(portName)) errs.push(invalid(`${path}.service.port.name`, portName, m));
  else if (portNumber) for (const m of isValidPortNum(portNumber)) errs.push(invalid(`${path}.service.port.number`, portNumber, m));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validatePath(p: HTTPIngressPath, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!p.pathType) return [required(`${path}.pathType`, 'pathType must be specified')];
  const value = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'));
      if (value.length > 0) {
        for (const seq of invalidPathSequences) if (value.includes(seq)) errs.push(invalid(`${path}.path`, value, `must not contain '${seq}'`));
        for (const suf of invalidPathSuffixes) if (value.endsWith(suf)) errs.push(invalid(`${path}.path`, value, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(`${path}.pathType`, p.pathType, supportedPathTypes));
  }
  errs.push(...validateIngressBackend(p.backend ?? {}, `${path}.backend`));
  return errs;
}

/** ValidateIngressSpec (networking validation, as of 1.32). */
export function validateIngressSpec(spec: IngressSpec): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push({ type: 'Invalid', field: 'spec', value: '[]networking.IngressRule(nil)', rawValue: true, detail: 'either `defaultBackend` or `rules` must be specified' });
  }
  if (spec.defaultBackend) errs.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const p = `spec.rules[${i}]`;
    if (r.host) {
      if (parseIP(r.host)) errs.push(invalid(`${p}.host`, r.host, 'must be a DNS name, not an IP address'));
      errs.push(...validateHost(r.host, `${p}.host`));
    }
    if (r.http) {
      const paths = r.http.paths ?? [];
      if (paths.length === 0) errs.push(required(`${p}.http.paths`, ''));
      paths.forEach((hp, j) => errs.push(...validatePath(hp, `${p}.http.paths[${j}]`)));
    }
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => errs.push(...validateHost(h, `spec.tls[${i}].hosts[${j}]`)));
    if (t.secretName) for (const m of nameIsDNSSubdomain(t.secretName, false)) errs.push(invalid(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    for (const m of nameIsDNSSubdomain(spec.ingressClassName, false)) errs.push(invalid('spec.ingressClassName', spec.ingressClassName, m));
  }
  return errs;
}

/** Ingress (networking.k8s.io/v1). The ingress controller (network/ingress) writes its status. */
export const ingress = defineKind({
  kind: 'Ingress',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  singular: 'ingress',
  shortNames: ['ing'],
  namespaced: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') {
      const errs: FieldError[] = [];
      ((obj.status as IngressStatus | undefined)?.loadBalancer?.ingress ?? []).forEach((i, n) => {
        const p = `status.loadBalancer.ingress[${n}]`;
        if (i.ip && !parseIP(i.ip)) errs.push(invalid(`${p}.ip`, i.ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
        if (i.hostname) {
          for (const m of isDNS1123Subdomain(i.hostname)) errs.push(invalid(`${p}.hostname`, i.hostname, m));
          if (parseIP(i.hostname)) errs.push(invalid(`${p}.hostname`, i.hostname, 'must be a DNS name, not an IP address'));
        }
      });
      return errs;
    }
    const spec = (obj.spec ?? {}) as IngressSpec;
    const errs = validateIngressSpec(spec);
    const ann = obj.metadata.annotations?.[ingressClassAnnotation];
    if (ctx.operation === 'CREATE' && ann !== undefined && spec.ingressClassName !== undefined && spec.ingressClassName !== null && ann !== spec.ingressClassName) {
      errs.push(invalid(`annotations.${ingressClassAnnotation}`, ann, 'must match `ingressClassName` when both are specified'));
    }
    return errs;
  },
});
