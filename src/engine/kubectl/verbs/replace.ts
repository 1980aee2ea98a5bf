// `kubectl replace -f` (and `--force`: delete, wait, create), staging/src/k8s.io/kubectl/pkg/cmd/replace.
import type { KubeObject } from '../../api/types.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests } from '../manifest.ts';
import { checkFields } from '../apply/fields.ts';
import { filenameFlags, validateEnabled, validateFlag } from '../apply/flags.ts';
import { withLastApplied } from '../apply/lastapplied.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { addSourceToErr, dryRunFlag, dryRunStrategy, dryRunSuffix, kindString, reportErrors } from '../apply/report.ts';
import { deleteFlags, deleteTargets, waitDeleted } from './delete.ts';
import { withNamespace } from './apply.ts';

function runReplace(ctx: KubectlContext, args: ParsedArgs): number {
  const filenames = args.arr('filename');
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  if (args.positional.length > 0) {
    throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl replace -h' for help and examples`);
  }
  const dry = dryRunStrategy(args.str('dry-run'));
  const output = parseOutput(args.str('output'));
  const force = args.bool('force');
  if (force && dry !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
  const validate = validateEnabled(args);
  const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate });
  if (errors.length > 0) return reportErrors(ctx, errors);
  if (objects.length === 0) throw new KubectlError('no objects passed to replace');
  const errs: unknown[] = [];
  if (force) {
    // Delete everything first (printing `deployment.apps "web" deleted`), wait until gone, then create.
    const targets = objects.map((m) => ({ rt: m.rt, namespace: m.rt.namespaced ? m.namespace : undefined, name: m.name, source: m.source }));
    const run = deleteTargets(ctx, targets, { ...args, bool: (n: string) => (n === 'force' ? false : args.bool(n)) } as ParsedArgs, 'none', true);
    errs.push(...run.errors, ...waitDeleted(ctx, { ...args, bool: (n: string) => (n === 'wait' ? true : args.bool(n)) } as ParsedArgs, run.deleted));
    if (errs.length > 0) return reportErrors(ctx, errs);
  }
  let first = true;
  for (const m of objects) {
    let obj: KubeObject = withNamespace(m);
    if (args.bool('save-config')) obj = withLastApplied(obj).obj;
    try {
      if (dry !== 'client') {
        if (validate) checkFields(m.rt, obj);
        obj = force ? ctx.api.create(obj) : ctx.api.update(obj, { dryRun: dry === 'server' });
      }
    } catch (e) {
      errs.push(addSourceToErr(force ? 'creating' : 'replacing', m.source, e));
      continue;
    }
    if (output === '') ctx.out(`${kindString(m.rt)}/${obj.metadata.name ?? ''} replaced${dryRunSuffix(dry)}\n`);
    else printObject(ctx, obj, m.rt, output, first);
    first = false;
  }
  return reportErrors(ctx, errs);
}

registerCommand({
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    ...filenameFlags,
    ...deleteFlags.map((f) => (f.name === 'wait' ? { ...f, default: false } : f)),
    validateFlag,
    dryRunFlag,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  run: runReplace,
});
