import type { KubeObject } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { nodeLine } from './targets.ts';

/**
 * RunCordonOrUncordon: set `spec.unschedulable` to `desired` on each node (CordonHelper.UpdateIfRequired /
 * PatchOrReplace), printing `node/<name> cordoned`, `already cordoned`, `uncordoned` or `already uncordoned`.
 * Errors are printed per node (`error: unable to cordon node "x": ...`) and do not stop the others.
 */
export function cordonOrUncordon(ctx: KubectlContext, nodes: KubeObject[], desired: boolean, dry: 'none' | 'client' | 'server'): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const current = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (current === desired) {
      ctx.out(nodeLine(node, desired ? 'already cordoned' : 'already uncordoned', dry));
      continue;
    }
    if (dry !== 'client') {
      try {
        ctx.api.modify(
          'nodes',
          undefined,
          node.metadata.name!,
          (n) => {
            const spec = (n.spec ??= {}) as { unschedulable?: boolean };
            if (desired) spec.unschedulable = true;
            else delete spec.unschedulable;
          },
          { dryRun: dry === 'server' },
        );
      } catch (e) {
        ctx.err(`error: unable to ${verb} node "${node.metadata.name}": ${e instanceof Error ? e.message : String(e)}\n`);
        continue;
      }
    }
    ctx.out(nodeLine(node, desired ? 'cordoned' : 'uncordoned', dry));
  }
}
