import type { CommandSpec } from '../../../kubectl/command.ts';
import { getNode, nodeArg, nodesService } from './shared.ts';

/** `lab node remove NODE`: the machine is gone: its kubelet stops and the Node object is deleted. */
export const nodeRemove: CommandSpec = {
  name: 'remove',
  short: 'Remove a node from the cluster (the machine is gone)',
  help:
    'Remove a node: its kubelet stops and its Node and Lease are deleted, as when a machine is decommissioned.\n' +
    'Pods still bound to it are removed by the pod garbage collector once the node has been gone for 40s.\n\nUsage:\n  lab node remove NODE\n',
  run(ctx, args) {
    const name = nodeArg(args, 'remove');
    getNode(ctx, name);
    const nodes = nodesService(ctx.rt);
    nodes.setHeartbeat(name, false);
    nodes.remove(name);
    if (ctx.api.tryGet('nodes', undefined, name)) ctx.api.delete('nodes', undefined, name);
    ctx.out(`node/${name} removed\n`);
    return 0;
  },
};
