import type { KubectlContext } from '../../kubectl/command.ts';
import { ClientError } from '../../network/traffic/client.ts';
import type { NetworkService } from '../../network/traffic/index.ts';

/** The cluster network for `lab curl`/`trace`/`load URL`, or undefined after saying this cluster has none. */
export function networkOf(ctx: KubectlContext): NetworkService | undefined {
  const net = ctx.rt.service<NetworkService>('network');
  if (!net) ctx.err('error: the network is not modelled in this cluster\n');
  return net;
}

/** Send a request: a ClientError (an unknown --from pod, a bad URL...) prints its message and exits 1. */
export function asClient(ctx: KubectlContext, send: () => number): number {
  try {
    return send();
  } catch (e) {
    if (e instanceof ClientError) {
      ctx.err(e.message + '\n');
      return 1;
    }
    throw e;
  }
}
