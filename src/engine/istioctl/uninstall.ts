import { istioInstalled, uninstallIstio } from '../mesh/install/install.ts';
import { istioctlError, registerIstioctlCommand } from './command.ts';

registerIstioctlCommand({
  name: 'uninstall',
  short: 'Uninstall Istio from a cluster',
  help: 'The uninstall command uninstalls Istio from a cluster\n\nUsage:\n  istioctl uninstall [flags]\n\nExamples:\n  # Uninstall all control planes and shared resources\n  istioctl uninstall --purge\n\nFlags:\n  -h, --help                help for uninstall\n      --purge               Delete all Istio related sources for all versions\n  -y, --skip-confirmation   The skipConfirmation determines whether the user is prompted for confirmation.\n',
  flags: [
    { name: 'purge', type: 'bool' },
    { name: 'skip-confirmation', short: 'y', type: 'bool' },
    { name: 'revision', short: 'r', type: 'string' },
    { name: 'filename', short: 'f', type: 'string' },
  ],
  noIdentity: true,
  run(ctx, args) {
    if (!args.bool('purge') && !args.str('revision') && !args.str('filename')) {
      throw istioctlError('at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set');
    }
    if (!args.bool('skip-confirmation')) {
      ctx.out('All Istio resources will be pruned from the cluster\nProceed? (y/N) ');
      const answer = (ctx.stdin.split('\n')[0] ?? '').trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') {
        ctx.err('Cancelled.\n');
        return 1;
      }
      ctx.out('\n');
    }
    if (!istioInstalled(ctx.rt)) {
      ctx.err('✔ Uninstall complete\n');
      return 0;
    }
    ctx.err(uninstallIstio(ctx.rt));
    return 0;
  },
});
