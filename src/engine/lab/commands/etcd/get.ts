// `lab etcd get KEY`: what `etcdctl get KEY` prints on a control-plane node: the key, then the stored value,
// protobuf bytes with non-printable bytes shown as '.', Secrets in the clear unless encryption at rest is on.
import type { KubeObject } from '../../../api/types.ts';
import { encrypt, type ProviderSpec } from '../../../auth/etcd/encryption.ts';
import { parseKey, storageKey } from '../../../auth/etcd/keys.ts';
import { hexdump, readable, storageBytes } from '../../../auth/etcd/proto.ts';
import { authService } from '../../../auth/service.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import { registerEtcdSubcommand } from './registry.ts';

/** The bytes etcd holds for an object. */
export function storedValue(obj: KubeObject, key: string, provider: ProviderSpec | undefined): number[] {
  const plain = storageBytes(obj);
  return provider ? encrypt(provider, plain, key) : plain;
}

registerEtcdSubcommand({
  name: 'get',
  short: 'Read keys as `etcdctl get` does (/registry/secrets/NS/NAME ...)',
  help:
    "Read the API server's keys from etcd, as `etcdctl get` run on a control-plane node. Values are the bytes\n" +
    'kube-apiserver stores: "k8s\\0" and protobuf (non-printable bytes shown as "."), or k8s:enc:... when\n' +
    'encryption at rest covers the resource (lab apiserver encryption).\n\n' +
    'Usage:\n  lab etcd get KEY [--prefix] [--keys-only] [--print-value-only] [--hex]\n\nExamples:\n' +
    '  lab etcd get /registry/secrets/default/db-pass\n  lab etcd get /registry/secrets --prefix --keys-only\n  lab etcd get /registry/secrets/default/db-pass --print-value-only --hex\n',
  flags: [
    { name: 'prefix', type: 'bool' },
    { name: 'keys-only', type: 'bool' },
    { name: 'print-value-only', type: 'bool' },
    { name: 'hex', type: 'bool' },
  ],
  run(ctx, args) {
    if (args.positional.length < 1 || args.positional.length > 2) throw new KubectlError('get command needs one argument as key and an optional argument as range_end');
    const key = args.positional[0];
    const reg = ctx.rt.registry;
    const enc = authService(ctx.rt).encryption;
    const entries: Array<{ key: string; obj: KubeObject }> = [];
    if (args.bool('prefix')) {
      for (const rt of reg.all()) {
        for (const o of ctx.rt.store.list(rt.plural)) {
          const k = storageKey(rt, o.metadata.namespace, o.metadata.name ?? '');
          if (k.startsWith(key)) entries.push({ key: k, obj: o });
        }
      }
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    } else {
      const p = parseKey(reg, key);
      const o = p?.name ? ctx.rt.store.get(p.rt.plural, p.rt.namespaced ? p.namespace : undefined, p.name) : undefined;
      if (o && storageKey(p!.rt, o.metadata.namespace, o.metadata.name ?? '') === key) entries.push({ key, obj: o });
    }
    let out = '';
    for (const e of entries) {
      if (!args.bool('print-value-only')) out += e.key + '\n';
      if (args.bool('keys-only')) {
        out += '\n';
        continue;
      }
      const bytes = storedValue(e.obj, e.key, enc.writtenWith(e.key));
      out += args.bool('hex') ? hexdump(bytes) : readable(bytes) + '\n';
    }
    ctx.out(out);
    return 0;
  },
});
