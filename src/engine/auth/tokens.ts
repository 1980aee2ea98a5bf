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
}

/** Issue a token as TokenRequest (and the kubelet's projected volume) does. */
export function issueServiceAccountToken(r: TokenRequest): string {
  const header = { alg: 'RS256', kid: keyId };
  const k8s: Record<string, unknown> = { namespace: r.namespace };
  if (r.node) k8s.node = r.node;
  if (r.pod) k8s.pod = r.pod;
  k8s.serviceaccount = { name: r.name, uid: r.uid };
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
  let claims: { exp?: number; 'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string } } };
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
  return serviceAccountUser(ns, sa?.name ?? '', sa?.uid);
}
