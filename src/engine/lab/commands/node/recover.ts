import type { CommandSpec } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import { KUBELET_MANAGER } from '../../../kubelet/http.ts';
import type { KubeletManager } from '../../../kubelet/manager.ts';
import { podsByNode } from '../../../controllers/nodelifecycle/podindex.ts';
import { getNode, nodeArg, nodesService, postHealthyStatus } from './shared.ts';

/** `lab node recover NODE`: the kubelet is back: lease, status, and it catches up with its pods. */
export const nodeRecover: CommandSpec = {
  name: 'recover',
  short: 'Bring a failed node back',
  help:
    'Bring a failed node back: its kubelet renews the Lease and posts a Ready status again, then catches up with its\n' +
    'pods (pods deleted meanwhile are terminated, status is reported again). The node controller removes the\n' +
    'unreachable taints.\n\nUsage:\n  lab node recover NODE\n',
  run(ctx, args) {
    const name = nodeArg(args, 'recover');
    getNode(ctx, name);
    const nodes = nodesService(ctx.rt);
    if (nodes.isHeartbeating(name)) throw new KubectlError(`node ${name} has not failed`);
    nodes.setHeartbeat(name, true);
    postHealthyStatus(ctx.rt, name);
    // The kubelet resyncs every pod bound to it: terminations it missed, status it could not report.
    const mgr = ctx.rt.service<KubeletManager>(KUBELET_MANAGER);
    if (mgr) {
      for (const p of podsByNode(ctx.rt).podsOn(name)) {
        const key = `${p.metadata.namespace}/${p.metadata.name}`;
        mgr.syncPod(key);
        mgr.workers.get(key)?.markDirty();
      }
    }
    ctx.out(`node/${name} recovered\n`);
    return 0;
  },
};
