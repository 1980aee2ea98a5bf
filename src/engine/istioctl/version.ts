import { ISTIO_VERSION } from '../images/apps/istio/index.ts';
import { meshFor } from '../mesh/mesh.ts';
import { ISTIO_NS } from '../mesh/webhooks.ts';
import { registerIstioctlCommand } from './command.ts';

registerIstioctlCommand({
  name: 'version',
  short: 'Prints out build version information',
  help: 'Prints out build version information\n\nUsage:\n  istioctl version [flags]\n\nFlags:\n  -h, --help            help for version\n  -o, --output string   One of \'yaml\' or \'json\'.\n      --remote          Use --remote=false to suppress control plane check (default true)\n  -s, --short           Use --short=false to generate full version information (default true)\n',
  flags: [
    { name: 'short', short: 's', type: 'bool', default: true },
    { name: 'remote', type: 'bool', default: true },
    { name: 'output', short: 'o', type: 'string' },
  ],
  noIdentity: true,
  run(ctx, args) {
    const remote = args.bool('remote');
    const running = ctx.rt.store.list('pods', ISTIO_NS).some((p) => p.metadata.labels?.app === 'istiod' && (p.status as { phase?: string } | undefined)?.phase === 'Running');
    if (remote && !running) ctx.err(`Istio is not present in the cluster: no running Istio pods in "${ISTIO_NS}"\n`);
    ctx.out(`client version: ${ISTIO_VERSION}\n`);
    if (remote && running) {
      ctx.out(`control plane version: ${ISTIO_VERSION}\n`);
      const n = meshFor(ctx.rt).istiod.proxies().length;
      ctx.out(`data plane version: ${n === 0 ? 'none' : `${ISTIO_VERSION} (${n} proxies)`}\n`);
    }
    return 0;
  },
});
