// `kubectl apply --server-side` (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, ServerSideApply): each object
// is sent whole as an apply patch under the field manager ("kubectl" unless --field-manager says otherwise), merged
// and owned by the API server's server-side apply (api/ssa/), conflicts reported with kubectl's hint. An object
// that carries the last-applied-configuration annotation gets it re-applied by "kubectl-last-applied", as
// kubectl keeps it for a later client-side apply.
import { StatusError, apiVersionOf, type KubeObject } from '../../api/types.ts';
import { applyConfiguration, type ManagedFieldsEntry } from '../../api/ssa/managed.ts';
import { fromFieldsV1 } from '../../api/ssa/fieldset.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { readManifests, type ManifestObject } from '../manifest.ts';
import { lastAppliedAnnotation } from '../apply/lastapplied.ts';
import { parseOutput, printList, printObject } from '../apply/print.ts';
import { dryRunStrategy, dryRunSuffix, kindString, reportErrors, type DryRun } from '../apply/report.ts';
import { validateEnabled } from '../apply/flags.ts';
import { withNamespace } from './apply.ts';

type Obj = Record<string, unknown>;

const conflictHint = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** One apply patch through the API: the merged object, created or updated with its managedFields. */
export function serverSideApplyObject(ctx: KubectlContext, m: ManifestObject, config: KubeObject, manager: string, force: boolean, dry: DryRun): KubeObject {
  const rt = m.rt;
  const ns = rt.namespaced ? m.namespace : undefined;
  const live = ctx.api.tryGet(rt.plural, ns, m.name);
  const r = applyConfiguration(live as unknown as Obj | undefined, config as unknown as Obj, {
    manager,
    apiVersion: apiVersionOf(rt),
    time: rfc3339(ctx.rt.clock.nowUnixMs()),
    resetsStatus: !!rt.hasStatus,
    force,
  });
  const obj = r.object as unknown as KubeObject;
  (obj.metadata as { managedFields?: unknown }).managedFields = r.managedFields;
  if (dry === 'client') return obj;
  if (!live) return ctx.api.create(obj, { dryRun: dry === 'server' });
  obj.metadata.resourceVersion = live.metadata.resourceVersion;
  return ctx.api.update(obj, { dryRun: dry === 'server' });
}

/** saveLastApplyAnnotationIfNecessary: keep the client-side apply annotation owned by an applier. */
function keepLastApplied(ctx: KubectlContext, m: ManifestObject, obj: KubeObject, dry: DryRun): KubeObject {
  const value = obj.metadata.annotations?.[lastAppliedAnnotation];
  if (value === undefined || dry !== 'none') return obj;
  const path = ['f:metadata', 'f:annotations', `f:${lastAppliedAnnotation}`];
  const owned = ((obj.metadata.managedFields ?? []) as unknown as ManagedFieldsEntry[]).some((e) => e.operation === 'Apply' && fromFieldsV1(e.fieldsV1).has(path));
  if (owned) return obj;
  const just = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), annotations: { [lastAppliedAnnotation]: value } } } as KubeObject;
  return serverSideApplyObject(ctx, m, just, 'kubectl-last-applied', false, dry);
}

export function runServerSideApply(ctx: KubectlContext, args: ParsedArgs): number {
  const filenames = args.arr('filename');
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  const dry = dryRunStrategy(args.str('dry-run'));
  if (dry === 'client') throw new KubectlError('--dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)');
  const output = parseOutput(args.str('output'));
  const flagManager = args.str('field-manager');
  const manager = !args.has('field-manager') || flagManager === 'kubectl-client-side-apply' ? 'kubectl' : flagManager;
  const force = args.bool('force-conflicts');
  const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: validateEnabled(args) });
  if (errors.length > 0) return reportErrors(ctx, errors);
  if (objects.length === 0) throw new KubectlError('no objects passed to apply');
  const errs: unknown[] = [];
  const printed: KubeObject[] = [];
  for (const m of objects) {
    try {
      let obj = serverSideApplyObject(ctx, m, withNamespace(m), manager, force, dry);
      if (manager === 'kubectl') obj = keepLastApplied(ctx, m, obj, dry);
      if (output === 'yaml' || output === 'json') printed.push(obj);
      else if (output === 'name') printObject(ctx, obj, m.rt, 'name', true);
      else ctx.out(`${kindString(m.rt)}/${obj.metadata.name ?? m.name} serverside-applied${dryRunSuffix(dry)}\n`);
    } catch (e) {
      if (e instanceof StatusError && e.code === 409 && e.message.startsWith('Apply failed with')) errs.push(new KubectlError(`${e.message}${conflictHint}`));
      else errs.push(e);
    }
  }
  if (output === 'yaml' || output === 'json') {
    if (printed.length === 1) printObject(ctx, printed[0], objects[0].rt, output, true);
    else if (printed.length > 1) printList(ctx, printed, output);
  }
  return reportErrors(ctx, errs);
}
