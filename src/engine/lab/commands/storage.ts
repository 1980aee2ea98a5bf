import { storageOf } from '../../storage/backend.ts';
import { registerLabCommand } from '../command.ts';

/** `lab storage trace [VOLUME]`: the CSI calls the simulated driver received, oldest first. */
registerLabCommand({
  name: 'storage',
  short: 'Show what the simulated CSI driver did (lab storage trace [PV-NAME])',
  help:
    'Show the simulated storage driver at work.\n\n' +
    'Every CSI call (CreateVolume, ControllerPublishVolume, NodeStageVolume, NodePublishVolume and their\n' +
    'reverses) with the virtual time it completed, the volume, the node and the pod.\n\n' +
    'Usage:\n  lab storage trace [PV-NAME]\n',
  run(ctx, args) {
    const [sub, volume] = args.positional;
    if (sub !== 'trace') {
      ctx.err(sub ? `error: unknown storage subcommand "${sub}"\n` : 'error: a subcommand is required: lab storage trace [PV-NAME]\n');
      return 1;
    }
    const rows = storageOf(ctx.rt).trace.filter((t) => !volume || t.volume === volume);
    if (rows.length === 0) {
      ctx.out('No CSI calls yet.\n');
      return 0;
    }
    const cells = rows.map((t) => [`${(t.at / 1000).toFixed(3)}s`, t.op, t.volume, t.node ?? '', t.pod ?? '', t.detail ?? '']);
    const head = ['TIME', 'CALL', 'VOLUME', 'NODE', 'POD', 'DETAIL'];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('').trimEnd() + '\n';
    ctx.out(line(head) + cells.map(line).join(''));
    return 0;
  },
});
