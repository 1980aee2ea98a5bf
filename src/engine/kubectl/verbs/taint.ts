// `kubectl taint` (staging/src/k8s.io/kubectl/pkg/cmd/taint): add, change or remove node taints.
import { StatusError, type KubeObject } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { dryRunFlag, dryRunStrategy, reportErrors } from '../apply/report.ts';
import { taintHelp } from '../nodes/help.ts';
import { nodeLine, usageError } from '../nodes/targets.ts';
import { existingTaintKeys, parseTaints, reorganizeTaints, TaintSpecError, type TaintSpec } from '../nodes/taints.ts';
import { resolveResources, resolveType } from '../resources.ts';
import { parseOutput, printObject } from '../apply/print.ts';

function runTaint(ctx: KubectlContext, args: ParsedArgs): number {
  const dry = dryRunStrategy(args.str('dry-run'));
  parseOutput(args.str('output'));
  // Resources come first, then taint changes (anything with '=', ':' or a trailing '-').
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of args.positional) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length > 0) throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new KubectlError('at least one taint update is required');
  let add: TaintSpec[];
  let remove: TaintSpec[];
  try {
    ({ add, remove } = parseTaints(taintArgs));
  } catch (e) {
    if (e instanceof TaintSpecError) throw usageError('taint', e.message);
    throw e;
  }

  // Validate: node types only, no key both changed and removed, names or --all or --selector.
  const type = resources[0].toLowerCase();
  const rt = resolveType(ctx.api.registry, type);
  if (rt.kind !== 'Node') throw new KubectlError(`invalid resource type ${type}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of add) for (const r of remove) if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`{"${r.key}":"${r.effect ?? ''}"}`);
  if (conflicts.length > 0) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = args.bool('all');
  const selector = args.str('selector');
  if (all && selector !== '') throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && selector === '' && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");

  const r = all || selector !== ''
    ? resolveResources(ctx.api, { args: ['nodes'], namespace: ctx.namespace, selector, selectAll: all, allowEmptySelector: true })
    : resolveResources(ctx.api, { args: ['nodes', ...resources.slice(1)], namespace: ctx.namespace });
  const errors: unknown[] = [...r.errors];
  const output = parseOutput(args.str('output'));
  let first = true;
  for (const info of r.infos) {
    for (const node of info.objects) {
      try {
        const updated = taintNode(ctx, node, add, remove, args.bool('overwrite'), dry);
        if (output === '' || output === 'name') ctx.out(nodeLine(node, updated.operation, dry));
        else printObject(ctx, updated.obj, info.rt, output, first);
        first = false;
      } catch (e) {
        errors.push(e);
      }
    }
  }
  return reportErrors(ctx, errors);
}

/** updateTaints + the patch: the node's new taints, written unless --dry-run=client. */
function taintNode(ctx: KubectlContext, node: KubeObject, add: TaintSpec[], remove: TaintSpec[], overwrite: boolean, dry: 'none' | 'client' | 'server'): { operation: string; obj: KubeObject } {
  const old = ((node.spec as { taints?: TaintSpec[] } | undefined)?.taints ?? []) as TaintSpec[];
  if (!overwrite) {
    const exists = existingTaintKeys(old, add);
    if (exists) throw new KubectlError(`node ${node.metadata.name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`);
  }
  const { operation, taints, errors } = reorganizeTaints(old, overwrite, add, remove);
  if (errors.length === 1) throw new KubectlError(errors[0]);
  if (errors.length > 1) throw new KubectlError(`[${[...new Set(errors)].join(', ')}]`);
  const apply = (n: KubeObject) => {
    const spec = (n.spec ??= {}) as { taints?: TaintSpec[] };
    if (taints.length > 0) spec.taints = taints.map((t) => ({ ...t }));
    else delete spec.taints;
  };
  if (dry === 'client') {
    const copy = JSON.parse(JSON.stringify(node)) as KubeObject;
    apply(copy);
    return { operation, obj: copy };
  }
  try {
    return { operation, obj: ctx.api.modify('nodes', undefined, node.metadata.name!, apply, { dryRun: dry === 'server' }) };
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new KubectlError(e instanceof Error ? e.message : String(e));
  }
}

registerCommand({
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  help: taintHelp,
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    dryRunFlag,
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'overwrite', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string', default: '' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  ],
  run: runTaint,
});
