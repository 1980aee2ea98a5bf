import type { CommandSpec } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import { getNode, nodeArg, nodesService } from './shared.ts';

/** `lab node fail NODE`: the node's kubelet stops (no lease renewals, no status, pods left as they are). */
export const nodeFail: CommandSpec = {
  name: 'fail',
  short: 'Make a node fail: its kubelet stops renewing its lease and posting status',
  help:
    'Make a node fail, as if its machine lost power or its network: the kubelet stops renewing the node\'s Lease and\n' +
    'posting status, and stops acting on its pods. After the node-monitor-grace-period (50s) the node controller marks\n' +
    'the node Unknown/NotReady and taints it node.kubernetes.io/unreachable; 300s later (the default tolerationSeconds)\n' +
    'its pods are evicted and their controllers replace them on other nodes. The evicted pods stay Terminating until the\n' +
    'node recovers or is removed.\n\nUsage:\n  lab node fail NODE\n',
  run(ctx, args) {
    const name = nodeArg(args, 'fail');
    getNode(ctx, name);
    const nodes = nodesService(ctx.rt);
    if (!nodes.isHeartbeating(name)) throw new KubectlError(`node ${name} has already failed`);
    nodes.setHeartbeat(name, false);
    ctx.out(`node/${name} failed\n`);
    return 0;
  },
};
