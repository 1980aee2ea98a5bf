import type { FieldError, KubeObject } from '../types.ts';
import { forbidden, immutable, invalid, notSupported, required, tooLong } from '../validation/field.ts';
import { isDNS1123Subdomain, nameIsDNSLabel, regexError } from '../validation/names.ts';
import { defineKind } from './define.ts';

export interface IngressClassParameters {
  apiGroup?: string;
  kind?: string;
  name?: string;
  scope?: string;
  namespace?: string;
}
export interface IngressClassSpec {
  controller?: string;
  parameters?: IngressClassParameters | null;
}

export const defaultIngressClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
const maxControllerLen = 250;
const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${httpPathFmt}$`);

/** path.IsValidPathSegmentName. */
function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
}

/** validation.IsDomainPrefixedPath. */
function isDomainPrefixedPath(path: string, value: string): FieldError[] {
  if (!value) return [required(path, '')];
  const i = value.indexOf('/');
  if (i <= 0 || i === value.length - 1) return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, i);
  const rest = value.slice(i + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!httpPathRe.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', httpPathFmt)));
  return errs;
}

/** validateIngressTypedLocalObjectReference (also used for Ingress resource backends). */
export function validateTypedLocalObjectReference(ref: { apiGroup?: string; kind?: string; name?: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined && ref.apiGroup !== null) for (const m of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(`${path}.apiGroup`, ref.apiGroup, m));
  if (!ref.kind) errs.push(required(`${path}.kind`, ''));
  else for (const m of isValidPathSegmentName(ref.kind)) errs.push(invalid(`${path}.kind`, ref.kind, m));
  if (!ref.name) errs.push(required(`${path}.name`, ''));
  else for (const m of isValidPathSegmentName(ref.name)) errs.push(invalid(`${path}.name`, ref.name, m));
  return errs;
}

/** validateIngressClassParametersReference. */
function validateParameters(p: IngressClassParameters, path: string): FieldError[] {
  const errs = validateTypedLocalObjectReference(p, path);
  if (p.scope === undefined || p.scope === null) {
    errs.push(required(`${path}.scope`, ''));
    return errs;
  }
  if (p.scope !== 'Cluster' && p.scope !== 'Namespace') {
    errs.push(notSupported(`${path}.scope`, p.scope, ['Cluster', 'Namespace']));
  } else if (p.scope === 'Namespace') {
    if (p.namespace === undefined || p.namespace === null) errs.push(required(`${path}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else for (const m of nameIsDNSLabel(p.namespace, false)) errs.push(invalid(`${path}.namespace`, p.namespace, m));
  } else if (p.namespace !== undefined && p.namespace !== null) {
    errs.push(forbidden(`${path}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClassSpec(spec: IngressClassSpec, old?: IngressClassSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (old) errs.push(...immutable('spec.controller', spec.controller ?? '', old.controller ?? ''));
  if (!spec.controller) errs.push(required('spec.controller', ''));
  else {
    if (spec.controller.length > maxControllerLen) errs.push(tooLong('spec.controller', maxControllerLen));
    errs.push(...isDomainPrefixedPath('spec.controller', spec.controller));
  }
  if (spec.parameters) errs.push(...validateParameters(spec.parameters, 'spec.parameters'));
  return errs;
}

export function isDefaultIngressClass(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[defaultIngressClassAnnotation] === 'true';
}

/** IngressClass (networking.k8s.io/v1), cluster-scoped. */
export const ingressClass = defineKind({
  kind: 'IngressClass',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  tracksGeneration: true,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as IngressClassSpec;
    if (spec.parameters && !spec.parameters.scope) spec.parameters.scope = 'Cluster';
  },
  validate(obj, ctx) {
    return validateIngressClassSpec((obj.spec ?? {}) as IngressClassSpec, ctx.old?.spec as IngressClassSpec | undefined);
  },
});
