// The create-only review resources every authenticated user may post: SelfSubjectAccessReview and
// SelfSubjectRulesReview (authorization.k8s.io/v1, behind `kubectl auth can-i [--list]`) and SelfSubjectReview
// (authentication.k8s.io/v1, `kubectl auth whoami`). The apiserver answers them from the request's own user with
// the same authorizer that guards every request; nothing is stored.
import { forbiddenError, nonResourceAttributes, resourceAttributes } from '../engine/auth/attributes.ts';
import { authService } from '../engine/auth/service.ts';
import { StatusError } from '../engine/api/types.ts';
import { decodeObject } from './body.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import { HttpError } from './status.ts';

interface Review {
  group: string;
  kind: string;
  resource: string;
  answer(req: ApiRequest, spec: Record<string, unknown>): Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function accessReview(req: ApiRequest, spec: Record<string, unknown>): Record<string, unknown> {
  const ra = spec.resourceAttributes as Record<string, unknown> | undefined;
  const nra = spec.nonResourceAttributes as Record<string, unknown> | undefined;
  if (!ra && !nra) {
    throw new StatusError(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  if (ra && nra) {
    throw new StatusError(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: "null": cannot be specified in combination with resourceAttributes');
  }
  const a = ra
    ? resourceAttributes(req.user, str(ra.verb), str(ra.group), str(ra.resource), str(ra.namespace), str(ra.name), str(ra.subresource))
    : nonResourceAttributes(req.user, str(nra!.verb), str(nra!.path));
  const d = authService(req.rt).authorize(a);
  const status: Record<string, unknown> = { allowed: d.allowed };
  if (d.reason) status.reason = d.reason;
  return status;
}

function rulesReview(req: ApiRequest, spec: Record<string, unknown>): Record<string, unknown> {
  const ns = str(spec.namespace);
  const resourceRules: unknown[] = [];
  const nonResourceRules: unknown[] = [];
  for (const r of authService(req.rt).rbac.rulesFor(req.user, ns)) {
    if (r.resources?.length) {
      const rule: Record<string, unknown> = { verbs: r.verbs };
      if (r.apiGroups?.length) rule.apiGroups = r.apiGroups;
      rule.resources = r.resources;
      if (r.resourceNames?.length) rule.resourceNames = r.resourceNames;
      resourceRules.push(rule);
    }
    if (r.nonResourceURLs?.length) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
  }
  return { resourceRules, nonResourceRules, incomplete: false };
}

function selfReview(req: ApiRequest): Record<string, unknown> {
  const u = req.user;
  const userInfo: Record<string, unknown> = { username: u.name };
  if (u.uid) userInfo.uid = u.uid;
  if (u.groups.length) userInfo.groups = u.groups;
  if (u.extra && Object.keys(u.extra).length) userInfo.extra = u.extra;
  return { userInfo };
}

const reviews: Review[] = [
  { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', answer: accessReview },
  { group: 'authorization.k8s.io', kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', answer: rulesReview },
  { group: 'authentication.k8s.io', kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', answer: (req) => selfReview(req) },
];

/** Serve POST /apis/GROUP/v1/RESOURCE for the review resources; undefined for any other path. */
export function serveReview(req: ApiRequest, path: string): ApiResponse | undefined {
  const segs = path.split('/').filter(Boolean);
  if (segs.length !== 4 || segs[0] !== 'apis' || segs[2] !== 'v1') return undefined;
  const review = reviews.find((r) => r.group === segs[1] && r.resource === segs[3]);
  if (!review) return undefined;
  if (req.method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const a = resourceAttributes(req.user, 'create', review.group, review.resource);
  const d = authService(req.rt).authorize(a);
  if (!d.allowed) throw forbiddenError(a, d.reason);
  const body = decodeObject(req.body, req.contentType, req.bytes) as Record<string, unknown> | null;
  const apiVersion = `${review.group}/v1`;
  if (!body || typeof body !== 'object' || body.kind !== review.kind) {
    throw new StatusError(400, 'BadRequest', `the kind in the data (${str(body?.kind)}) does not match the expected kind (${review.kind})`);
  }
  const spec = (body.spec ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { kind: review.kind, apiVersion, metadata: { creationTimestamp: null } };
  if (review.kind !== 'SelfSubjectReview') out.spec = spec;
  out.status = review.answer(req, spec);
  return { code: 201, body: out };
}
