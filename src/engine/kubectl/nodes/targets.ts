import type { KubeObject } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { resolveResources } from '../resources.ts';

/** cmdutil.UsageErrorf: `error: <msg>\nSee '<command path> -h' for help and examples`. */
export function usageError(verb: string, msg: string): KubectlError {
  return new KubectlError(`${msg}\nSee 'kubectl ${verb} -h' for help and examples`);
}

/** The argument checks of DrainCmdOptions.Complete: a node name or a --selector, not both. */
export function checkNodeArgs(args: ParsedArgs, verb: string): void {
  if (args.positional.length === 0 && !args.has('selector')) throw usageError(verb, `USAGE: ${verb} NODE [flags]`);
  if (args.positional.length > 0 && args.str('selector') !== '') throw usageError(verb, 'cannot specify both a node name and a --selector option');
}

/**
 * The nodes cordon, uncordon and drain act on (DrainCmdOptions.Complete): `NODE...` (or `TYPE/NAME`), or
 * `--selector`. Returns the nodes found and the NotFound errors of the names that were not.
 */
export function resolveNodes(ctx: KubectlContext, args: ParsedArgs, verb: string): { nodes: KubeObject[]; errors: unknown[] } {
  checkNodeArgs(args, verb);
  const names = args.positional;
  const selector = args.str('selector');
  const list = selector !== '' || names.length === 0 ? ['nodes'] : names.some((n) => n.includes('/')) ? names : ['nodes', ...names];
  const r = resolveResources(ctx.api, { args: list, namespace: ctx.namespace, selector, allowEmptySelector: true });
  const nodes: KubeObject[] = [];
  for (const info of r.infos) {
    if (info.rt.plural !== 'nodes') {
      throw new KubectlError(`error: expected resource of type node, got "${info.rt.group}/${info.rt.version}, Resource=${info.rt.plural}"\n`, 1, true);
    }
    nodes.push(...info.objects);
  }
  return { nodes, errors: r.errors };
}

/** The name printer: `node/<name> <operation>` with the dry-run suffix. */
export function nodeLine(node: KubeObject, operation: string, dry: 'none' | 'client' | 'server'): string {
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  return `node/${node.metadata.name} ${operation}${suffix}\n`;
}
