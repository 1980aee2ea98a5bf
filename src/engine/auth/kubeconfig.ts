// The lab's kubeconfig (`~/.kube/config`): a real clientcmd v1 Config document, as kind writes it, that the
// `kubectl config` commands read and rewrite and every kubectl call resolves its identity from.
import yaml from 'js-yaml';
import { CLUSTER_CA_PEM } from '../controllers/rootcacertpublisher/ca.ts';
import { toYaml } from '../kubectl/output/yaml.ts';
import { apiServerURL } from '../kubectl/verbs/cluster-info.ts';

export const kubeconfigPath = '.kube/config';
/** kind names the cluster, context and user `kind-<cluster name>`. */
export const kindName = 'kind-kubelab';

export interface NamedCluster {
  name: string;
  cluster: { server?: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string; 'insecure-skip-tls-verify'?: boolean };
}
export interface NamedContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown> & { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string };
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: NamedCluster[];
  contexts: NamedContext[];
  'current-context': string;
  preferences: Record<string, unknown>;
  users: NamedUser[];
}

export function base64Encode(text: string): string {
  return btoa(text);
}

/** A deterministic PEM block standing for a key or certificate of `subject` (not real DER: see SIMPLIFICATIONS.md). */
export function fakePem(type: string, subject: string, bytes: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < subject.length; i++) h = Math.imul(h ^ subject.charCodeAt(i), 0x01000193) >>> 0;
  const body: number[] = [];
  for (let i = 0; i < bytes; i++) {
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    body.push(h & 0xff);
  }
  const b64 = btoa(String.fromCharCode(...body));
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** base64 client certificate and key data for a user with this CN and O's. */
export function clientCredential(cn: string, groups: readonly string[]): { cert: string; key: string } {
  const subject = `CN=${cn}${groups.map((g) => `,O=${g}`).join('')}`;
  return { cert: base64Encode(fakePem('CERTIFICATE', subject, 789)), key: base64Encode(fakePem('RSA PRIVATE KEY', subject, 1190)) };
}

/** The kubeconfig kind writes for the cluster `kubelab`. */
export function kindKubeconfig(adminCert: { cert: string; key: string }): Kubeconfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: kindName, cluster: { 'certificate-authority-data': base64Encode(CLUSTER_CA_PEM), server: apiServerURL } }],
    contexts: [{ name: kindName, context: { cluster: kindName, user: kindName } }],
    'current-context': kindName,
    preferences: {},
    users: [{ name: kindName, user: { 'client-certificate-data': adminCert.cert, 'client-key-data': adminCert.key } }],
  };
}

export class KubeconfigError extends Error {}

/** Parse a kubeconfig document; missing lists read as empty (as clientcmd's loader does). */
export function parseKubeconfig(text: string, path: string): Kubeconfig {
  let v: unknown;
  try {
    v = yaml.load(text, { json: true });
  } catch (e) {
    throw new KubeconfigError(`error loading config file "${path}": yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  const o = (v && typeof v === 'object' ? v : {}) as Partial<Kubeconfig>;
  return {
    apiVersion: o.apiVersion ?? 'v1',
    kind: o.kind ?? 'Config',
    clusters: Array.isArray(o.clusters) ? o.clusters : [],
    contexts: Array.isArray(o.contexts) ? o.contexts : [],
    'current-context': o['current-context'] ?? '',
    preferences: o.preferences ?? {},
    users: Array.isArray(o.users) ? o.users : [],
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The config as clientcmd writes it: lists sorted by name, empty fields dropped. */
export function serializeKubeconfig(c: Kubeconfig): string {
  const doc: Record<string, unknown> = {
    apiVersion: c.apiVersion,
    clusters: [...c.clusters].sort(byName),
    contexts: [...c.contexts].sort(byName),
    'current-context': c['current-context'],
    kind: c.kind,
    preferences: c.preferences,
    users: [...c.users].sort(byName),
  };
  for (const k of ['clusters', 'contexts', 'users']) if ((doc[k] as unknown[]).length === 0) doc[k] = null;
  if (!c['current-context']) doc['current-context'] = '';
  return toYaml(doc);
}

/** `kubectl config view` without --raw: byte data as DATA+OMITTED, secrets as REDACTED. */
export function redact(c: Kubeconfig): Kubeconfig {
  const data = new Set(['certificate-authority-data', 'client-certificate-data', 'client-key-data']);
  const secret = new Set(['token', 'password']);
  const scrub = <T extends Record<string, unknown>>(m: T): T => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) out[k] = data.has(k) && v ? 'DATA+OMITTED' : secret.has(k) && v ? 'REDACTED' : v;
    return out as T;
  };
  return {
    ...c,
    clusters: c.clusters.map((x) => ({ ...x, cluster: scrub(x.cluster) })),
    users: c.users.map((x) => ({ ...x, user: scrub(x.user) })),
  };
}
