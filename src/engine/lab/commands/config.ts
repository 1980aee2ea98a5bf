// `lab config show apiserver|kubelet|etcd` and `lab config set COMPONENT --flag=value ...`: the components'
// security flags (the hardening checklist). Insecure settings have effects: --authorization-mode=AlwaysAllow
// on the API server allows every request; a kubelet with --anonymous-auth=true --authorization-mode=AlwaysAllow
// lists its pods to anyone on https://NODE_IP:10250/pods; --read-only-port=10255 opens http://NODE_IP:10255.
import { ComponentConfig, components, type Component } from '../../auth/components.ts';
import { authService } from '../../auth/service.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { registerLabCommand } from '../command.ts';

const binaries: Record<Component, string> = { apiserver: 'kube-apiserver', kubelet: 'kubelet', etcd: 'etcd' };

function component(name: string | undefined): Component {
  if (!name || !(components as string[]).includes(name)) throw new KubectlError(`a component is required: one of ${components.join(', ')}`);
  return name as Component;
}

registerLabCommand({
  name: 'config',
  short: 'Show or change component security flags (apiserver, kubelet, etcd)',
  help:
    'Show or change the security-relevant flags of kube-apiserver, the kubelets and etcd.\n\nUsage:\n  lab config show apiserver|kubelet|etcd\n  lab config set COMPONENT --flag=value ...\n\nExamples:\n' +
    '  lab config set kubelet --anonymous-auth=true --authorization-mode=AlwaysAllow\n  lab config set kubelet --read-only-port=10255\n  lab config set apiserver --authorization-mode=Node,RBAC\n',
  subcommands: [
    {
      name: 'show',
      short: 'Print a component command line',
      run(ctx, args) {
        const c = component(args.positional[0]);
        const cfg = authService(ctx.rt).components;
        ctx.out(`${binaries[c]}\n` + cfg.entries(c).map(([k, v]) => (v === '' ? '' : `  --${k}=${v}\n`)).join(''));
        return 0;
      },
    },
    {
      name: 'set',
      short: 'Change component flags (the component restarts)',
      flags: ComponentConfig.flagNames()
        .filter((n) => n !== 'namespace')
        .map((name) => ({ name, type: 'string' as const })),
      run(ctx, args) {
        const c = component(args.positional[0]);
        const cfg = authService(ctx.rt).components;
        const changed: string[] = [];
        for (const name of ComponentConfig.flagNames()) {
          if (!args.has(name)) continue;
          const why = cfg.set(c, name, args.str(name));
          if (why) throw new KubectlError(why);
          changed.push(`--${name}=${args.str(name)}`);
        }
        if (changed.length === 0) throw new KubectlError('no flags given (e.g. --anonymous-auth=true)');
        ctx.out(`${binaries[c]} restarted with ${changed.join(' ')}\n`);
        return 0;
      },
    },
  ],
});
