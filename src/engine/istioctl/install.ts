import { ISTIO_VERSION } from '../images/apps/istio/index.ts';
import { installIstio } from '../mesh/install/install.ts';
import { profiles, type ProfileName } from '../mesh/install/profiles.ts';
import { istioctlError, registerIstioctlCommand } from './command.ts';

/** The boat istioctl install prints first (pkg/art/istio-ascii.txt). */
export const ISTIO_ART = [
  '        |\\          ',
  '        | \\         ',
  '        |  \\        ',
  '        |   \\       ',
  '      /||    \\      ',
  '     / ||     \\     ',
  '    /  ||      \\    ',
  '   /   ||       \\   ',
  '  /    ||        \\  ',
  ' /     ||         \\ ',
  '/______||__________\\',
  '____________________',
  '  \\__       _____/  ',
  '     \\_____/        ',
].join('\n');

/** Parse `--set profile=demo` (the only --set key Kubelab reads) and `--set values...` (ignored). */
export function profileFromSets(sets: string[]): ProfileName {
  let profile: string = 'default';
  for (const s of sets) {
    const [k, v] = s.split('=', 2);
    if (k === 'profile') profile = v ?? '';
  }
  if (!(profile in profiles)) throw istioctlError(`generate config: profile "${profile}" not found`);
  return profile as ProfileName;
}

registerIstioctlCommand({
  name: 'install',
  aliases: ['apply'],
  short: 'Applies an Istio manifest, installing or reconfiguring Istio on a cluster.',
  help:
    'The install command generates an Istio install manifest and applies it to a cluster.\n\nUsage:\n  istioctl install [flags]\n\nAliases:\n  install, apply\n\nExamples:\n' +
    '  # Apply a default Istio installation\n  istioctl install\n\n  # Apply the demo profile\n  istioctl install --set profile=demo\n\n' +
    'Flags:\n  -h, --help              help for install\n  -s, --set stringArray   Override an IstioOperator value, e.g. to choose a profile\n                          (--set profile=demo), enable or disable components (--set components.cni.enabled=true),\n                          or override Istio settings (--set meshConfig.enableTracing=true). See documentation for more info:https://istio.io/v1.24/docs/reference/config/istio.operator.v1alpha1/#IstioOperatorSpec\n  -y, --skip-confirmation   The skipConfirmation determines whether the user is prompted for confirmation.\n                          If set to true, the user is not prompted and a Yes response is assumed in all cases.\n',
  flags: [
    { name: 'set', short: 's', type: 'stringArray' },
    { name: 'skip-confirmation', short: 'y', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'dry-run', type: 'bool' },
    { name: 'readiness-timeout', type: 'string', default: '5m0s' },
    { name: 'revision', short: 'r', type: 'string' },
  ],
  noIdentity: true,
  run(ctx, args) {
    const profile = profiles[profileFromSets(args.arr('set'))];
    ctx.err(`${ISTIO_ART}\n\n`);
    if (!args.bool('skip-confirmation')) {
      ctx.out(`This will install the Istio ${ISTIO_VERSION} profile "${profile.name}" into the cluster. Proceed? (y/N) `);
      const answer = (ctx.stdin.split('\n')[0] ?? '').trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') {
        ctx.err('Cancelled.\n');
        return 1;
      }
      ctx.out('\n');
    }
    const res = installIstio(ctx.rt, profile);
    ctx.err(res.out);
    return res.ok ? 0 : 1;
  },
});
