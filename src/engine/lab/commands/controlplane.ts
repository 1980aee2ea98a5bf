import { CONTROL_PLANE_SERVICE, type ControlPlaneService } from '../../controlplane/api.ts';
import { nodeIP } from '../../controlplane/etcd.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { registerLabCommand } from '../command.ts';

function table(head: string[], cells: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('') + '\n';
  return line(head) + cells.map(line).join('');
}

const help =
  'Show the control plane: each control-plane node\'s kube-apiserver endpoint, its etcd member and the member\'s\n' +
  'health, whether etcd has quorum, and which instance of kube-controller-manager and kube-scheduler holds the\n' +
  'leader Lease in kube-system (the others are standing by).\n\nUsage:\n  lab controlplane status\n';

/** `lab controlplane status`: apiserver endpoints, etcd members and quorum, leader-election holders. */
registerLabCommand({
  name: 'controlplane',
  short: 'Show control-plane health: apiservers, etcd members and quorum, leaders',
  help,
  run(ctx, args) {
    const [sub] = args.positional;
    if (sub === undefined) {
      ctx.out(help);
      return 0;
    }
    if (sub !== 'status') throw new KubectlError(`Error: unknown command "${sub}" for "lab controlplane"\n`, 1, true);
    const cp = ctx.rt.service<ControlPlaneService>(CONTROL_PLANE_SERVICE);
    if (!cp) throw new KubectlError('this cluster has no control-plane model');
    const members = cp.members();
    const rows = cp.nodes().map((node) => {
      const m = members.find((x) => x.name === node);
      const up = cp.apiserverUp(node);
      return [
        node,
        `https://${nodeIP(ctx.rt, node)}:6443`,
        up ? 'Running' : 'Down',
        m?.id ?? '',
        !m?.healthy ? 'unreachable' : m.isLeader ? 'healthy (leader)' : 'healthy',
      ];
    });
    let out = table(['NODE', 'APISERVER', 'STATUS', 'ETCD MEMBER', 'ETCD'], rows);
    const healthy = members.filter((m) => m.healthy).length;
    const quorum = cp.hasQuorum();
    out +=
      `\netcd: ${healthy}/${members.length} members healthy, ` +
      (quorum ? `quorum ok (needs ${Math.floor(members.length / 2) + 1}), raft term ${cp.raftTerm()}\n` : `QUORUM LOST (needs ${Math.floor(members.length / 2) + 1}): the API cannot read or write\n`);
    out +=
      '\n' +
      table(
        ['COMPONENT', 'LEADER', 'STATE'],
        cp.leaders().map((l) => [l.lease, l.holder || '<none>', l.active ? 'leading' : 'no leader (waiting for the lease to expire)']),
      );
    ctx.out(out);
    return 0;
  },
});
