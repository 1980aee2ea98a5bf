// `kubectl delete` (staging/src/k8s.io/kubectl/pkg/cmd/delete): by file, TYPE NAME, TYPE/NAME, -l, --all.
import { isStatusError, type KubeObject, type ResourceType } from '../../api/types.ts';
import type { DeleteOptions } from '../../api/server.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { parseGoDuration, type ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { resolveResources } from '../resources.ts';
import { filenameFlags } from '../apply/flags.ts';
import { addSourceToErr, dryRunFlag, dryRunStrategy, kindString, reportErrors, type DryRun } from '../apply/report.ts';
import { waitForDeletion, type DeletedRef } from '../apply/waitdelete.ts';

export interface DeleteTarget {
  rt: ResourceType;
  namespace?: string;
  name: string;
  /** For -f inputs: the file, so errors read `error when deleting "x.yaml": ...`. */
  source?: string;
}

/** --cascade as cmdutil.GetCascadingStrategy: background|foreground|orphan, and the deprecated booleans. */
export function cascadeStrategy(ctx: KubectlContext, value: string): NonNullable<DeleteOptions['propagationPolicy']> {
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      ctx.err('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n');
      return 'Background';
    case 'false':
      ctx.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
      return 'Orphan';
    default:
      throw new KubectlError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
  }
}

/** The grace period to send, after kubectl's --now/--force/--grace-period rules; -1 means "server default". */
export function effectiveGracePeriod(args: ParsedArgs): number {
  let grace = args.int('grace-period');
  if (args.bool('now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !args.bool('force')) grace = 1;
  if (args.bool('force') && grace < 0) grace = 0;
  return grace;
}

export interface DeleteRun {
  deleted: DeletedRef[];
  errors: unknown[];
}

/** Delete targets one by one, printing kubectl's line for each; errors are collected, not thrown. */
export function deleteTargets(ctx: KubectlContext, targets: DeleteTarget[], args: ParsedArgs, dry: DryRun, ignoreNotFound: boolean): DeleteRun {
  const grace = effectiveGracePeriod(args);
  const policy = cascadeStrategy(ctx, args.str('cascade'));
  const deleted: DeletedRef[] = [];
  const errors: unknown[] = [];
  let operation = grace === 0 ? 'force deleted' : 'deleted';
  if (dry === 'client') operation += ' (dry run)';
  if (dry === 'server') operation += ' (server dry run)';
  for (const t of targets) {
    try {
      let uid: string | undefined;
      if (dry === 'client') {
        uid = ctx.api.get(t.rt.plural, t.namespace, t.name).metadata.uid;
      } else {
        const opts: DeleteOptions = { propagationPolicy: policy, dryRun: dry === 'server' };
        if (grace >= 0) opts.gracePeriodSeconds = grace;
        uid = ctx.api.delete(t.rt.plural, t.namespace, t.name, opts).metadata.uid;
      }
      if (dry === 'none') deleted.push({ rt: t.rt, namespace: t.namespace, name: t.name, uid });
      if (args.str('output') === 'name') ctx.out(`${kindString(t.rt)}/${t.name} ${operation}\n`);
      else ctx.out(`${kindString(t.rt)} "${t.name}" ${operation}\n`);
    } catch (e) {
      if (ignoreNotFound && isStatusError(e, 'NotFound')) continue;
      errors.push(t.source ? addSourceToErr('deleting', t.source, e) : e);
    }
  }
  return { deleted, errors };
}

/** Wait for deleted objects to disappear when --wait is on; returns a timeout error when they do not. */
export function waitDeleted(ctx: KubectlContext, args: ParsedArgs, deleted: DeletedRef[]): unknown[] {
  if (!args.bool('wait') || deleted.length === 0) return [];
  const timeout = parseGoDuration(args.str('timeout')) ?? 0;
  const left = waitForDeletion(ctx, deleted, timeout);
  return left.map((r) => new KubectlError(`timed out waiting for the condition on ${r.rt.plural}/${r.name}`));
}

function collectTargets(ctx: KubectlContext, args: ParsedArgs): { targets: DeleteTarget[]; errors: unknown[]; listed: boolean } {
  const filenames = args.arr('filename');
  if (filenames.length > 0) {
    if (args.positional.length > 0) {
      throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl delete -h' for help and examples`);
    }
    const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (errors.length > 0) return { targets: [], errors, listed: false };
    const targets = objects.map((m) => ({ rt: m.rt, namespace: m.rt.namespaced ? m.namespace : undefined, name: m.name, source: m.source }));
    return { targets, errors: [], listed: false };
  }
  const r = resolveResources(ctx.api, {
    args: args.positional,
    namespace: ctx.namespace,
    allNamespaces: args.bool('all-namespaces'),
    selector: args.str('selector'),
    fieldSelector: args.str('field-selector'),
    selectAll: args.bool('all'),
  });
  const targets: DeleteTarget[] = [];
  for (const info of r.infos) {
    for (const o of info.objects as KubeObject[]) {
      targets.push({ rt: info.rt, namespace: info.rt.namespaced ? o.metadata.namespace : undefined, name: o.metadata.name ?? '' });
    }
  }
  return { targets, errors: r.errors, listed: !r.byName };
}

function runDelete(ctx: KubectlContext, args: ParsedArgs): number {
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = args.str('output');
  if (output !== '' && output !== 'name') throw new KubectlError(`Unexpected -o output mode: ${output}. We only support '-o name'.`);
  if (args.bool('all') && args.str('selector')) throw new KubectlError('cannot set --all and --selector at the same time');
  if (args.bool('interactive')) throw new KubectlError('interactive deletion (-i) is not available in the Kubelab terminal');
  effectiveGracePeriod(args);
  cascadeStrategy({ ...ctx, err: () => {} }, args.str('cascade'));
  const { targets, errors } = collectTargets(ctx, args);
  if (targets.length === 0 && errors.length > 0 && args.arr('filename').length > 0) return reportErrors(ctx, errors);
  const ignoreNotFound = args.has('ignore-not-found') ? args.bool('ignore-not-found') : args.bool('all') || !!args.str('selector') || !!args.str('field-selector');
  const early = ignoreNotFound ? errors.filter((e) => !isStatusError(e, 'NotFound')) : errors;
  if (targets.length === 0 && early.length === 0) {
    ctx.out('No resources found\n');
    return 0;
  }
  if (effectiveGracePeriod(args) === 0 && args.bool('force') && targets.length > 0) {
    ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const run = deleteTargets(ctx, targets, args, dry, ignoreNotFound);
  const waitErrs = waitDeleted(ctx, args, run.deleted);
  return reportErrors(ctx, [...early, ...run.errors, ...waitErrs]);
}

export const deleteFlags = [
  { name: 'grace-period', type: 'int' as const, default: -1 },
  { name: 'now', type: 'bool' as const },
  { name: 'force', type: 'bool' as const },
  { name: 'cascade', type: 'string' as const, default: 'background', noOptDefault: 'background' },
  { name: 'wait', type: 'bool' as const, default: true },
  { name: 'timeout', type: 'duration' as const, default: '0s' },
];

registerCommand({
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    ...filenameFlags,
    ...deleteFlags,
    dryRunFlag,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'interactive', short: 'i', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'raw', type: 'string' },
  ],
  run: runDelete,
});
