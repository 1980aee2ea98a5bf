// `kubectl apply -f`: client-side apply with the last-applied-configuration annotation and a three-way
// strategic merge (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go).
import type { KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import { registerCommand, type KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests, type ManifestObject } from '../manifest.ts';
import { lastAppliedAnnotation, readLastApplied, withLastApplied } from '../apply/lastapplied.ts';
import { parseOutput, printList, printObject, type WriteOutput } from '../apply/print.ts';
import { addSourceToErr, dryRunFlag, dryRunStrategy, dryRunSuffix, kindString, reportErrors, type DryRun } from '../apply/report.ts';
import { threeWayMerge } from '../apply/strategic.ts';
import { checkFields } from '../apply/fields.ts';
import { filenameFlags, validateFlag, validateEnabled } from '../apply/flags.ts';
import { runServerSideApply } from './apply-serverside.ts';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortDeep(x);
    }
    return out;
  }
  return v;
}

/** The object as the builder hands it on: namespace filled in for namespaced kinds. */
export function withNamespace(m: ManifestObject): KubeObject {
  const o = clone(m.obj);
  o.metadata ??= {};
  if (m.rt.namespaced) o.metadata.namespace = m.namespace;
  return o;
}

type Outcome = { obj: KubeObject; op: 'created' | 'configured' | 'unchanged' };

function applyOne(ctx: KubectlContext, m: ManifestObject, dry: DryRun, strict: boolean): Outcome {
  const obj = withNamespace(m);
  const live = ctx.api.tryGet(m.rt.plural, m.rt.namespaced ? m.namespace : undefined, m.name);
  const { obj: modified } = withLastApplied(obj);
  if (!live) {
    if (!m.name && !obj.metadata.generateName) {
      throw new KubectlError(`error when retrieving current configuration of:\nResource: "${m.rt.group ? m.rt.group + '/' : ''}${m.rt.version}, Resource=${m.rt.plural}", GroupVersionKind: "${m.rt.group ? m.rt.group + '/' : ''}${m.rt.version}, Kind=${m.rt.kind}"\nName: "", Namespace: "${m.namespace}"\nfrom server for: "${m.source}": resource name may not be empty`);
    }
    try {
      if (dry === 'client') return { obj: modified, op: 'created' };
      if (strict) checkFields(m.rt, modified);
      return { obj: ctx.api.create(modified, { dryRun: dry === 'server' }), op: 'created' };
    } catch (e) {
      throw addSourceToErr('creating', m.source, e);
    }
  }
  if (!live.metadata.annotations?.[lastAppliedAnnotation]) {
    ctx.err(
      `Warning: resource ${m.rt.plural}/${m.name} is missing the ${lastAppliedAnnotation} annotation which is required by kubectl apply. ` +
        `kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ` +
        `The missing annotation will be patched automatically.\n`,
    );
  }
  const original = readLastApplied(live);
  const merged = threeWayMerge(original, modified, live) as KubeObject;
  if (sameJson(merged, live)) return { obj: live, op: 'unchanged' };
  try {
    if (dry === 'client') return { obj: merged, op: 'configured' };
    if (strict) checkFields(m.rt, modified);
    merged.metadata.resourceVersion = live.metadata.resourceVersion;
    return { obj: ctx.api.update(merged, { dryRun: dry === 'server' }), op: 'configured' };
  } catch (e) {
    throw addSourceToErr('patching', m.source, e);
  }
}

function runApply(ctx: KubectlContext, args: ParsedArgs): number {
  if (args.has('server-side') && args.bool('server-side')) return runServerSideApply(ctx, args);
  if (args.has('kustomize')) throw new KubectlError('kustomize (-k) is not available in Kubelab; use -f');
  const filenames = args.arr('filename');
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  if (args.positional.length > 0) {
    throw new KubectlError(`Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  }
  const dry = dryRunStrategy(args.str('dry-run'));
  const output: WriteOutput = parseOutput(args.str('output'));
  const validate = validateEnabled(args);
  const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate });
  if (errors.length > 0) return reportErrors(ctx, errors);
  if (objects.length === 0) throw new KubectlError('no objects passed to apply');
  const errs: unknown[] = [];
  const printed: KubeObject[] = [];
  for (const m of objects) {
    try {
      const r = applyOne(ctx, m, dry, validate);
      if (output === 'yaml' || output === 'json') printed.push(r.obj);
      else if (output === 'name') printObject(ctx, r.obj, m.rt, 'name', true);
      else ctx.out(`${kindString(m.rt)}/${r.obj.metadata.name ?? m.name} ${r.op}${dryRunSuffix(dry)}\n`);
    } catch (e) {
      errs.push(e);
    }
  }
  if (output === 'yaml' || output === 'json') {
    if (printed.length === 1) printObject(ctx, printed[0], objects[0].rt, output, true);
    else if (printed.length > 1) printList(ctx, printed, output);
  }
  return reportErrors(ctx, errs);
}

registerCommand({
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    ...filenameFlags,
    validateFlag,
    dryRunFlag,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'duration', default: '0s' },
    { name: 'record', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'save-config', type: 'bool' },
  ],
  run: runApply,
});
