// etcd storage view and encryption at rest, following the task "Encrypting Confidential Data at Rest"
// (kubernetes.io/docs/tasks/administer-cluster/encrypt-data): secrets read back in the clear from etcd until a
// provider is configured; new writes get the k8s:enc:<provider>:v1:<key>: prefix; replace re-encrypts.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { parseEncryptionConfig } from './encryption.ts';
import { storageBytes } from './proto.ts';

const key32 = 'a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=';
const config = (provider: string) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
      - ${provider}:
          keys:
            - name: key1
              secret: ${key32}
      - identity: {}
`;

describe('storage encoding', () => {
  it('starts with the k8s magic and a runtime.Unknown type meta', () => {
    const b = storageBytes({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'd' }, data: { k: btoa('v') } } as never);
    expect(b.slice(0, 4)).toEqual([0x6b, 0x38, 0x73, 0x00]);
    // field 1 (typeMeta), length 12: apiVersion "v1", kind "Secret".
    expect(b.slice(4, 18)).toEqual([0x0a, 12, 0x0a, 2, 0x76, 0x31, 0x12, 6, ...[...'Secret'].map((c) => c.charCodeAt(0))]);
  });
});

describe('EncryptionConfiguration validation', () => {
  const cases = [
    { name: 'aescbc with a 32-byte key', text: config('aescbc'), err: '' },
    { name: 'secretbox needs 32 bytes', text: config('secretbox').replace(key32, btoa('0123456789abcdef')), err: 'resources[0].providers[0].secretbox.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 16, expected one of [32]' },
    { name: 'wrong kind', text: 'apiVersion: v1\nkind: ConfigMap\n', err: 'got unexpected config type: v1, Kind=ConfigMap' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.err) expect(() => parseEncryptionConfig(c.text)).toThrow(c.err);
      else expect(parseEncryptionConfig(c.text).resources[0].providers.map((p) => p.type)).toEqual(['aescbc', 'identity']);
    });
  }
});

describe('lab etcd get and encryption at rest', () => {
  for (const provider of ['aescbc', 'aesgcm', 'secretbox']) {
    it(`${provider}: new writes encrypted, old ones after replace`, () => {
      const c = createCluster({ seed: 1, nodes: 1 });
      c.run('kubectl create secret generic old --from-literal=password=s3cr3t');
      expect(c.run('lab etcd get /registry/secrets/default/old').stdout).toContain('s3cr3t');
      c.writeFile('enc.yaml', config(provider));
      expect(c.run('lab apiserver encryption -f enc.yaml').exitCode).toBe(0);
      c.run('kubectl create secret generic new --from-literal=password=s3cr3t');
      const fresh = c.run('lab etcd get /registry/secrets/default/new --print-value-only').stdout;
      expect(fresh.startsWith(`k8s:enc:${provider}:v1:key1:`)).toBe(true);
      expect(fresh).not.toContain('s3cr3t');
      expect(c.run('lab etcd get /registry/secrets/default/old').stdout).toContain('s3cr3t');
      c.run('kubectl get secrets -A -o json | kubectl replace -f -');
      expect(c.run('lab etcd get /registry/secrets/default/old --print-value-only').stdout.startsWith(`k8s:enc:${provider}:v1:key1:`)).toBe(true);
      // The API still serves the plaintext.
      expect(c.run('kubectl get secret old -o jsonpath={.data.password}').stdout).toBe(btoa('s3cr3t'));
      expect(c.runtime.internalErrors).toEqual([]);
    });
  }
  it('configmaps are not covered by a secrets-only config', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.writeFile('enc.yaml', config('aescbc'));
    c.run('lab apiserver encryption -f enc.yaml');
    c.run('kubectl create configmap cm --from-literal=k=visible');
    expect(c.run('lab etcd get /registry/configmaps/default/cm').stdout).toContain('visible');
  });
  it('lists keys under a prefix', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('kubectl create secret generic a --from-literal=x=y');
    c.run('kubectl create secret generic b --from-literal=x=y -n kube-system');
    expect(c.run('lab etcd get /registry/secrets --prefix --keys-only').stdout).toBe('/registry/secrets/default/a\n\n/registry/secrets/kube-system/b\n\n');
  });
});
