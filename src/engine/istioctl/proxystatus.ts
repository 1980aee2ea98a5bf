import { TabWriter } from '../kubectl/printers/tabwriter.ts';
import { humanDuration } from '../util/duration.ts';
import { meshFor } from '../mesh/mesh.ts';
import { ISTIO_NS } from '../mesh/webhooks.ts';
import { istioctlError, registerIstioctlCommand } from './command.ts';

registerIstioctlCommand({
  name: 'proxy-status',
  aliases: ['ps'],
  short: 'Retrieves the synchronization status of each Envoy in the mesh',
  help: 'Retrieves last sent and last acknowledged xDS sync from Istiod to each Envoy in the mesh\n\nUsage:\n  istioctl proxy-status [<type>/]<name>[.<namespace>] [flags]\n\nAliases:\n  proxy-status, ps\n',
  flags: [],
  noIdentity: true,
  run(ctx, args) {
    const istiodPod = ctx.rt.store.list('pods', ISTIO_NS).find((p) => p.metadata.labels?.app === 'istiod' && (p.status as { phase?: string } | undefined)?.phase === 'Running');
    if (!istiodPod) throw istioctlError(`no running Istio pods in "${ISTIO_NS}"`);
    const mesh = meshFor(ctx.rt);
    const nsFilter = args.str('namespace');
    const w = new TabWriter((t) => ctx.out(t), { minwidth: 0, padding: 5, rememberWidths: false });
    w.write('NAME\tCLUSTER\tCDS\tLDS\tEDS\tRDS\tECDS\tISTIOD\tVERSION\n');
    const now = Date.parse(ctx.rt.clock.timestamp());
    for (const id of mesh.istiod.proxies()) {
      const dot = id.lastIndexOf('.');
      const [name, ns] = [id.slice(0, dot), id.slice(dot + 1)];
      if (nsFilter && ns !== nsFilter) continue;
      const pod = ctx.rt.store.get('pods', ns, name);
      if ((pod?.status as { phase?: string } | undefined)?.phase !== 'Running') continue;
      const cfg = mesh.istiod.configFor(ns, name);
      if (!cfg) continue;
      const pushed = Date.parse(cfg.version.split('/')[0]);
      const started = Date.parse(pod?.status && (pod.status as { startTime?: string }).startTime ? (pod.status as { startTime: string }).startTime : cfg.version.split('/')[0]);
      const age = humanDuration(now - Math.max(pushed, started));
      const synced = `SYNCED (${age})`;
      w.write(`${id}\tKubernetes\t${synced}\t${synced}\t${synced}\t${cfg.routes.length ? synced : 'NOT SENT'}\tIGNORED\t${istiodPod.metadata.name}\t${cfg.node.istioVersion}\n`);
    }
    w.flush();
    return 0;
  },
});
