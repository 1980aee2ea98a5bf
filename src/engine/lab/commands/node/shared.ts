import type { NodeCondition } from 'kubernetes-types/core/v1';
import { notFound } from '../../../api/errors.ts';
import type { KubeObject } from '../../../api/types.ts';
import type { KubectlContext } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import type { ParsedArgs } from '../../../kubectl/flags.ts';
import { NODES_SERVICE, type NodesService } from '../../../nodes/api.ts';
import type { ClusterRuntime } from '../../../runtime.ts';

export function nodesService(rt: ClusterRuntime): NodesService {
  const s = rt.service<NodesService>(NODES_SERVICE);
  if (!s) throw new KubectlError('the node component is not running');
  return s;
}

/** The single NODE argument of `lab node <verb> NODE`. */
export function nodeArg(args: ParsedArgs, verb: string): string {
  if (args.positional.length !== 1) throw new KubectlError(`exactly one node name is required\nSee 'lab node ${verb} -h' for help and examples`);
  return args.positional[0];
}

/** The Node (stored instance, read-only) or the apiserver's NotFound. */
export function getNode(ctx: KubectlContext, name: string): KubeObject {
  const n = ctx.api.tryGet('nodes', undefined, name);
  if (!n) throw notFound(ctx.api.resource('nodes'), name);
  return n;
}

/** The kubelet's node status setters (MemoryPressure, DiskPressure, PIDPressure, Ready) with their events. */
const setters: Array<{ type: string; status: string; reason: string; message: string; event: string }> = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
];

/**
 * What the kubelet does when it reaches the API server again: post its node status (every condition back to
 * the healthy value, lastHeartbeatTime now, lastTransitionTime now where the status changed) and record the
 * `Node <name> status is now: <...>` event of each condition that changed, as its status setters do.
 */
export function postHealthyStatus(rt: ClusterRuntime, name: string): void {
  const now = rt.clock.timestamp();
  const changed: string[] = [];
  rt.api.modify(
    'nodes',
    undefined,
    name,
    (n) => {
      const status = (n.status ??= {}) as { conditions?: Array<NodeCondition & Record<string, unknown>> };
      const conds = (status.conditions ??= []);
      for (const s of setters) {
        let c = conds.find((x) => x.type === s.type);
        if (!c) {
          c = { type: s.type, status: s.status, lastTransitionTime: now };
          conds.push(c);
          changed.push(s.event);
        } else if (c.status !== s.status) {
          c.status = s.status;
          c.lastTransitionTime = now;
          changed.push(s.event);
        }
        c.reason = s.reason;
        c.message = s.message;
        c.lastHeartbeatTime = now;
      }
    },
    { subresource: 'status' },
  );
  const ref = { apiVersion: undefined as unknown as string, kind: 'Node', metadata: { name, uid: name } };
  for (const e of changed) rt.events.normal(ref, e, `Node ${name} status is now: ${e}`, { component: 'kubelet', host: name });
}
