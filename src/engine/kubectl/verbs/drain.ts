// `kubectl drain` (staging/src/k8s.io/kubectl/pkg/cmd/drain): cordon nodes and evict their pods.
import type { KubeObject } from '../../api/types.ts';
import { SelectorError, parseSelector } from '../../util/selectors.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { parseGoDuration, type ParsedArgs } from '../flags.ts';
import { dryRunFlag, dryRunStrategy, reportErrors } from '../apply/report.ts';
import { cordonOrUncordon } from '../nodes/cordon.ts';
import { aggregateText, deleteOrEvictPods, podsForDeletion, type DrainOptions } from '../nodes/drain.ts';
import { warnings } from '../nodes/filters.ts';
import { drainHelp } from '../nodes/help.ts';
import { checkNodeArgs, nodeLine, resolveNodes } from '../nodes/targets.ts';

/** deleteOrEvictPodsSimple: the node's error messages (an aggregate), empty when it drained. */
function drainNode(ctx: KubectlContext, node: KubeObject, o: DrainOptions): string[] {
  const name = node.metadata.name!;
  const list = podsForDeletion(ctx, name, o);
  if (list.errors.length > 0) return list.errors;
  const w = warnings(list.items);
  if (w !== '') ctx.err(`Warning: ${w}\n`);
  const pods = list.items.filter((i) => i.status.delete).map((i) => i.pod);
  if (o.dry === 'client') {
    for (const p of pods) ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return [];
  }
  const errs = deleteOrEvictPods(ctx, pods, o);
  if (errs.length === 0) return [];
  const pending = podsForDeletion(ctx, name, o);
  const left = pending.items.filter((i) => i.status.delete);
  if (left.length > 0) {
    ctx.err(`There are pending pods in node "${name}" when an error occurred: ${aggregateText(errs)}\n`);
    for (const i of left) ctx.err(`pod/${i.pod.metadata.name}\n`);
  }
  if (pending.errors.length > 0) ctx.err(`Following errors occurred while getting the list of pods to delete:\n${aggregateText(pending.errors)}`);
  return errs;
}

function runDrain(ctx: KubectlContext, args: ParsedArgs): number {
  checkNodeArgs(args, 'drain');
  const dry = dryRunStrategy(args.str('dry-run'));
  const podSelector = args.str('pod-selector');
  if (podSelector !== '') {
    try {
      parseSelector(podSelector);
    } catch (e) {
      if (e instanceof SelectorError) throw new KubectlError('--pod-selector=<pod_selector> must be a valid label selector');
      throw e;
    }
  }
  const o: DrainOptions = {
    force: args.bool('force'),
    ignoreAllDaemonSets: args.bool('ignore-daemonsets'),
    deleteEmptyDirData: args.bool('delete-emptydir-data'),
    skipWaitForDeleteTimeoutSeconds: args.int('skip-wait-for-delete-timeout'),
    gracePeriodSeconds: args.int('grace-period'),
    timeoutMs: parseGoDuration(args.str('timeout')) ?? 0,
    podSelector,
    disableEviction: args.bool('disable-eviction'),
    dry,
  };
  const { nodes, errors } = resolveNodes(ctx, args, 'drain');
  if (errors.length > 0) return reportErrors(ctx, errors);
  cordonOrUncordon(ctx, nodes, true, dry);
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const errs = drainNode(ctx, node, o);
    if (errs.length === 0) {
      ctx.out(nodeLine(node, 'drained', dry));
      continue;
    }
    ctx.err(`error: unable to drain node "${node.metadata.name}" due to error: ${aggregateText(errs)}, continuing command...\n`);
    fatal.push(errs);
    remaining.push(node.metadata.name!);
  }
  if (remaining.length === 0) return 0;
  ctx.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // CheckErr on the aggregate: one node's errors one per line, several nodes' aggregates one per line.
  const lines = fatal.length === 1 ? fatal[0] : fatal.map(aggregateText);
  ctx.err(lines.map((l) => `${l}\n`).join(''));
  return 1;
}

registerCommand({
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  help: drainHelp,
  flags: [
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'disable-eviction', type: 'bool' },
    dryRunFlag,
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'timeout', type: 'duration', default: '0s' },
  ],
  run: runDrain,
});
