// ServiceAccount tokens: JWTs with the claims the apiserver's token issuer puts in them
// (pkg/serviceaccount/claims.go). The signature is a keyed hash, not RS256: see SIMPLIFICATIONS.md.
import type { ClusterRuntime } from '../runtime.ts';
import { serviceAccountUser, type UserInfo } from './user.ts';

/** kind's --service-account-issuer, also the default audience. */
export const issuer = 'https://kubernetes.default.svc.cluster.local';

function b64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text: string): string {
  const s = text.replace(/-/g, '+').replace(/_/g, '/');
  return atob(s + '='.repeat((4 - (s.length % 4)) % 4));
}

/** A keyed hash standing for the RS256 signature (256 bytes, as RSA-2048 gives). */
function sign(input: string): string {
  let h = 0x6b75626c;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193) >>> 0;
  const bytes: number[] = [];
  for (let i = 0; i < 256; i++) {
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    bytes.push(h & 0xff);
  }
  return b64url(String.fromCharCode(...bytes));
}

/** The key id kube-apiserver derives from its signing key (stable per lab). */
const keyId = sign('kubelab-sa-key').slice(0, 43);

export interface TokenRequest {
  namespace: string;
  name: string;
  uid: string;
  /** Seconds since the epoch. */
  nowSec: number;
  expirationSeconds: number;
  audiences?: string[];
  jti: string;
  /** Bound object (a pod, for projected tokens). */
  pod?: { name: string; uid: string };
  node?: { name: string; uid: string };
  /** Seconds since the epoch after which the kubelet should have refreshed the token (extended tokens). */
  warnAfter?: number;
}

/** Issue a token as TokenRequest (and the kubelet's projected volume) does. */
export function issueServiceAccountToken(r: TokenRequest): string {
  const header = { alg: 'RS256', kid: keyId };
  const k8s: Record<string, unknown> = { namespace: r.namespace };
  if (r.node) k8s.node = r.node;
  if (r.pod) k8s.pod = r.pod;
  k8s.serviceaccount = { name: r.name, uid: r.uid };
  if (r.warnAfter !== undefined) k8s.warnafter = r.warnAfter;
  const claims = {
    aud: r.audiences ?? [issuer],
    exp: r.nowSec + r.expirationSeconds,
    iat: r.nowSec,
    iss: issuer,
    jti: r.jti,
    'kubernetes.io': k8s,
    nbf: r.nowSec,
    sub: `system:serviceaccount:${r.namespace}:${r.name}`,
  };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body)}`;
}

/** The identity a ServiceAccount token authenticates as: signature, expiry and the ServiceAccount's uid must hold. */
export function verifyServiceAccountToken(rt: ClusterRuntime, token: string): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || sign(`${parts[0]}.${parts[1]}`) !== parts[2]) return undefined;
  type Ref = { name?: string; uid?: string };
  let claims: { exp?: number; jti?: string; 'kubernetes.io'?: { namespace?: string; serviceaccount?: Ref; pod?: Ref; node?: Ref } };
  try {
    claims = JSON.parse(unb64url(parts[1])) as typeof claims;
  } catch {
    return undefined;
  }
  if ((claims.exp ?? 0) * 1000 < rt.clock.nowUnixMs()) return undefined;
  const ns = claims['kubernetes.io']?.namespace ?? '';
  const sa = claims['kubernetes.io']?.serviceaccount;
  const stored = rt.store.get('serviceaccounts', ns, sa?.name ?? '');
  if (!stored || stored.metadata.uid !== sa?.uid) return undefined;
  const user = serviceAccountUser(ns, sa?.name ?? '', sa?.uid);
  // The extra attributes the token authenticator adds (credential id; the bound pod and node).
  const extra: Record<string, string[]> = {};
  if (claims.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
  const k = claims['kubernetes.io'];
  if (k?.node) {
    extra['authentication.kubernetes.io/node-name'] = [k.node.name ?? ''];
    extra['authentication.kubernetes.io/node-uid'] = [k.node.uid ?? ''];
  }
  if (k?.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [k.pod.name ?? ''];
    extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid ?? ''];
  }
  return Object.keys(extra).length > 0 ? { ...user, extra } : user;
}

/** kube-apiserver's --service-account-extend-token-expiration: a 3607 s projected token really lives a year. */
const extendedSeconds = 365 * 24 * 60 * 60;

/** A uuid-shaped id derived from `seed` (token ids must not draw from the cluster's random stream). */
function derivedUuid(seed: string): string {
  const hex = sign(seed)
    .split('')
    .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The token the kubelet writes into a pod's projected `kube-api-access-*` volume: bound to the pod and its
 * node, audience the issuer, `warnafter` when the expiry was extended.
 */
export function projectedToken(rt: ClusterRuntime, pod: { metadata?: { name?: string; namespace?: string; uid?: string }; spec?: { serviceAccountName?: string } }, nodeName: string, expirationSeconds = 3607): string {
  const ns = pod.metadata?.namespace ?? 'default';
  const saName = pod.spec?.serviceAccountName || 'default';
  const sa = rt.store.get('serviceaccounts', ns, saName);
  const node = rt.store.get('nodes', undefined, nodeName);
  const nowSec = Math.floor(rt.clock.nowUnixMs() / 1000);
  const extend = expirationSeconds === 3607;
  const token = issueServiceAccountToken({
    namespace: ns,
    name: saName,
    uid: sa?.metadata.uid ?? '',
    nowSec,
    expirationSeconds: extend ? extendedSeconds : expirationSeconds,
    jti: derivedUuid(`${pod.metadata?.uid}|${nowSec}`),
    pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    node: { name: nodeName, uid: node?.metadata.uid ?? '' },
    warnAfter: extend ? nowSec + expirationSeconds : undefined,
  });
  return token;
}

export { derivedUuid };
