// `lab apiserver encryption -f EncryptionConfiguration.yaml`: restart kube-apiserver with
// --encryption-provider-config (new writes of the listed resources are encrypted; `kubectl get secrets -A -o
// json | kubectl replace -f -` rewrites existing ones). `--off` removes it; without -f it shows the state.
import { EncryptionConfigError, parseEncryptionConfig } from '../../auth/etcd/encryption.ts';
import { authService } from '../../auth/service.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { normalizePath } from '../../shell/fs.ts';
import { registerLabCommand } from '../command.ts';

registerLabCommand({
  name: 'apiserver',
  short: 'Configure kube-apiserver (encryption at rest)',
  help: 'Configure kube-apiserver.\n\nUsage:\n  lab apiserver encryption -f encryption-config.yaml\n  lab apiserver encryption --off\n  lab apiserver encryption\n',
  subcommands: [
    {
      name: 'encryption',
      short: 'Set --encryption-provider-config (EncryptionConfiguration)',
      flags: [
        { name: 'filename', short: 'f', type: 'string' },
        { name: 'off', type: 'bool' },
      ],
      run(ctx, args) {
        const enc = authService(ctx.rt).encryption;
        if (args.bool('off')) {
          enc.config = undefined;
          ctx.out('kube-apiserver restarted without --encryption-provider-config: new writes are stored in the clear\n');
          return 0;
        }
        const file = args.str('filename');
        if (!file) {
          if (!enc.config) ctx.out('encryption at rest: off (identity)\n');
          for (const r of enc.config?.resources ?? []) {
            ctx.out(`${r.resources.join(',')}: ${r.providers.map((p) => (p.type === 'identity' ? 'identity' : `${p.type}:${p.keyName}`)).join(', ')}\n`);
          }
          return 0;
        }
        const text = file === '-' ? ctx.stdin : ctx.rt.files.get(normalizePath(file));
        if (text === undefined) throw new KubectlError(`open ${file}: no such file or directory`);
        try {
          enc.config = parseEncryptionConfig(text);
        } catch (e) {
          if (e instanceof EncryptionConfigError) throw new KubectlError(`kube-apiserver would not start: error while loading encryption config: ${e.message}`);
          throw e;
        }
        const first = enc.config.resources.map((r) => `${r.resources.join(',')} → ${r.providers[0].type}${r.providers[0].keyName ? `:${r.providers[0].keyName}` : ''}`);
        ctx.out(`kube-apiserver restarted with --encryption-provider-config=/etc/kubernetes/enc/${file.split('/').pop()}\nnew writes: ${first.join('; ')}\n`);
        return 0;
      },
    },
  ],
});
