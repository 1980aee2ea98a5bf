import type { CommandSpec } from '../../../kubectl/command.ts';
import { humanDuration } from '../../../util/duration.ts';
import { controlPlane, humanBytes } from './shared.ts';

/** `lab etcd snapshot list`: the snapshots saved so far. */
export const snapshotList: CommandSpec = {
  name: 'list',
  short: 'List saved snapshots',
  help: 'List the snapshots saved with `lab etcd snapshot save`: name, revision, size and age.\n\nUsage:\n  lab etcd snapshot list\n',
  run(ctx) {
    const snaps = controlPlane(ctx).snapshots();
    if (snaps.length === 0) {
      ctx.out('No snapshots saved.\n');
      return 0;
    }
    const now = ctx.rt.clock.now();
    const cells = snaps.map((s) => [s.name, String(s.revision), humanBytes(s.sizeBytes), humanDuration(now - s.savedAt)]);
    const head = ['NAME', 'REVISION', 'SIZE', 'AGE'];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('') + '\n';
    ctx.out(line(head) + cells.map(line).join(''));
    return 0;
  },
};
