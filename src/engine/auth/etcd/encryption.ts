// Encryption at rest (apiserver.config.k8s.io/v1 EncryptionConfiguration): the first provider listed for a
// resource encrypts new writes; any listed provider can read. Values are stored as
// `k8s:enc:<provider>:v1:<key name>:` + ciphertext. The ciphertext is a keyed pseudo-random transform of the
// plaintext, not real AES (see SIMPLIFICATIONS.md); what the lab shows is which bytes etcd holds.
import yaml from 'js-yaml';
import type { ObjectStore } from '../../store/store.ts';
import { labelBytes } from '../../util/labelbytes.ts';

export interface ProviderSpec {
  type: 'identity' | 'aescbc' | 'aesgcm' | 'secretbox';
  keyName: string;
  secret: string;
}

export interface EncryptionConfig {
  /** resource (plural, or `*.group`/`*.*`) → providers in order. */
  resources: Array<{ resources: string[]; providers: ProviderSpec[] }>;
}

export class EncryptionConfigError extends Error {}

const keyed = ['aescbc', 'aesgcm', 'secretbox'] as const;
const keySizes: Record<string, number[]> = { aescbc: [16, 24, 32], aesgcm: [16, 24, 32], secretbox: [32] };

/** Parse and validate an EncryptionConfiguration document (validation.ValidateEncryptionConfiguration, in part). */
export function parseEncryptionConfig(text: string): EncryptionConfig {
  let doc: { apiVersion?: string; kind?: string; resources?: Array<{ resources?: string[]; providers?: Array<Record<string, { keys?: Array<{ name?: string; secret?: string }> }>> }> };
  try {
    doc = (yaml.load(text, { json: true }) ?? {}) as typeof doc;
  } catch (e) {
    throw new EncryptionConfigError(`error while parsing file: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc.kind !== 'EncryptionConfiguration' || !String(doc.apiVersion ?? '').startsWith('apiserver.config.k8s.io/')) {
    throw new EncryptionConfigError(`got unexpected config type: ${doc.apiVersion ?? ''}, Kind=${doc.kind ?? ''}`);
  }
  const out: EncryptionConfig = { resources: [] };
  (doc.resources ?? []).forEach((r, i) => {
    if (!r.resources?.length) throw new EncryptionConfigError(`resources[${i}].resources: Required value: resources is a required field`);
    if (!r.providers?.length) throw new EncryptionConfigError(`resources[${i}].providers: Required value: providers is a required field`);
    const providers: ProviderSpec[] = [];
    r.providers.forEach((p, j) => {
      const types = Object.keys(p);
      if (types.length !== 1) throw new EncryptionConfigError(`resources[${i}].providers[${j}]: Invalid value: ${JSON.stringify(p)}: more than one provider specified in a single element, should split into different list elements`);
      const type = types[0];
      if (type === 'identity') {
        providers.push({ type: 'identity', keyName: '', secret: '' });
        return;
      }
      if (!(keyed as readonly string[]).includes(type)) throw new EncryptionConfigError(`resources[${i}].providers[${j}]: provider ${type} is not supported by Kubelab (aescbc, aesgcm, secretbox, identity)`);
      const keys = p[type]?.keys ?? [];
      if (keys.length === 0) throw new EncryptionConfigError(`resources[${i}].providers[${j}].${type}.keys: Required value: keys is a required field`);
      keys.forEach((k, n) => {
        const path = `resources[${i}].providers[${j}].${type}.keys[${n}]`;
        if (!k.name) throw new EncryptionConfigError(`${path}.name: Required value: key name is required`);
        let len: number;
        try {
          len = atob(k.secret ?? '').length;
        } catch {
          throw new EncryptionConfigError(`${path}.secret: Invalid value: "REDACTED": secrets must be base64 encoded`);
        }
        if (!keySizes[type].includes(len)) throw new EncryptionConfigError(`${path}.secret: Invalid value: "REDACTED": secret is not of the expected length, got ${len}, expected one of [${keySizes[type].join(' ')}]`);
      });
      providers.push({ type: type as ProviderSpec['type'], keyName: keys[0].name!, secret: keys[0].secret! });
    });
    out.resources.push({ resources: r.resources, providers });
  });
  return out;
}

/** The stored bytes for `plain` under a provider: the prefix, then nonce/IV and ciphertext of the right sizes. */
export function encrypt(p: ProviderSpec, plain: number[], salt: string): number[] {
  if (p.type === 'identity') return plain;
  const prefix = [...`k8s:enc:${p.type}:v1:${p.keyName}:`].map((c) => c.charCodeAt(0));
  const seed = `${p.secret}|${salt}|${plain.length}`;
  let body: number;
  if (p.type === 'aescbc') body = 16 + (Math.floor(plain.length / 16) + 1) * 16;
  else if (p.type === 'aesgcm') body = 12 + plain.length + 16;
  else body = 24 + plain.length + 16;
  const stream = labelBytes(seed, body);
  return [...prefix, ...stream];
}

/** Per-runtime state: the configuration and, for each stored key, the provider its current value was written with. */
export class EncryptionState {
  config: EncryptionConfig | undefined;
  private readonly written = new Map<string, ProviderSpec>();

  constructor(store: ObjectStore, keyOf: (resource: string, ns: string | undefined, name: string) => string) {
    store.watch((ev) => {
      // Nothing configured and nothing recorded (a cluster without an EncryptionConfiguration, the default):
      // every write would be stored as identity, so there is no key to build for it.
      if (this.config === undefined && this.written.size === 0) return;
      const key = keyOf(ev.resource, ev.object.metadata.namespace, ev.object.metadata.name ?? '');
      if (ev.type === 'DELETED') this.written.delete(key);
      else this.touch(ev.resource, key);
    });
  }

  /** The providers configured for a resource (plural; `group` for `*.group` matches). */
  providersFor(resource: string, group = ''): ProviderSpec[] | undefined {
    for (const r of this.config?.resources ?? []) {
      for (const name of r.resources) {
        if (name === resource || name === `${resource}.${group}` || name === '*.*' || (group === '' && name === '*.') || (group !== '' && name === `*.${group}`)) return r.providers;
      }
    }
    return undefined;
  }

  /** A write of `key` just happened (or an update re-wrote it): it is stored with the current first provider. */
  touch(resource: string, key: string, group = ''): void {
    const p = this.providersFor(resource, group)?.[0];
    if (!p || p.type === 'identity') this.written.delete(key);
    else this.written.set(key, p);
  }

  /** The provider the value at `key` is encrypted with, or undefined for plaintext. */
  writtenWith(key: string): ProviderSpec | undefined {
    return this.written.get(key);
  }
}
