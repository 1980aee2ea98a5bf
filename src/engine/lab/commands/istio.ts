import { KubectlError } from '../../kubectl/errors.ts';
import { installIstio, istioInstalled, uninstallIstio } from '../../mesh/install/install.ts';
import { profiles, type ProfileName } from '../../mesh/install/profiles.ts';
import { registerLabCommand } from '../command.ts';

/** `lab istio install [--profile demo]` / `lab istio uninstall`: istioctl install -y / uninstall --purge -y. */
registerLabCommand({
  name: 'istio',
  short: 'Install or remove the Istio service mesh (as istioctl install -y)',
  help: 'Install or remove the Istio service mesh.\n\nUsage:\n  lab istio install [--profile demo|default|minimal]\n  lab istio uninstall\n',
  subcommands: [
    {
      name: 'install',
      short: 'Install Istio (istioctl install --set profile=PROFILE -y)',
      flags: [{ name: 'profile', type: 'string', default: 'demo' }],
      run(ctx, args) {
        const name = args.str('profile') || 'demo';
        if (!(name in profiles)) throw new KubectlError(`unknown profile "${name}": one of demo, default, minimal`);
        const res = installIstio(ctx.rt, profiles[name as ProfileName]);
        ctx.out(res.out);
        return res.ok ? 0 : 1;
      },
    },
    {
      name: 'uninstall',
      short: 'Remove Istio (istioctl uninstall --purge -y)',
      run(ctx) {
        ctx.out(istioInstalled(ctx.rt) ? uninstallIstio(ctx.rt) : '✔ Uninstall complete\n');
        return 0;
      },
    },
  ],
});
