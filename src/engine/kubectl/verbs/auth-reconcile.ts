// `kubectl auth reconcile -f FILE` (staging/src/k8s.io/kubectl/pkg/cmd/auth/reconcile.go): roles and bindings
// are created when missing (with their namespace) and otherwise extended with the missing rules or subjects,
// never losing any unless --remove-extra-permissions / --remove-extra-subjects. Each object prints
// `KIND/NAME reconciled` on stdout; what had to change goes to stderr. Other kinds are skipped silently.
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../api/types.ts';
import { reconcileBinding, reconcileRole, ruleString, subjectString, type ReconcileOperation } from '../../auth/rbac/reconcile.ts';
import type { PolicyRule, Subject } from '../../auth/rbac/types.ts';
import type { CommandSpec, KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { readManifests, type ManifestObject } from '../manifest.ts';
import { filenameFlags } from '../apply/flags.ts';
import { parseOutput, printObject } from '../apply/print.ts';
import { dryRunFlag, dryRunStrategy, reportErrors } from '../apply/report.ts';
import { withNamespace } from './apply.ts';

const rbacGroup = 'rbac.authorization.k8s.io';
const roleKinds = new Set(['Role', 'ClusterRole']);
const bindingKinds = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** tryEnsureNamespace: create the namespace of a new Role/RoleBinding; not-found and forbidden reads are fine. */
function ensureNamespace(ctx: KubectlContext, ns: string): void {
  try {
    if (ctx.api.tryGet('namespaces', undefined, ns)) return;
  } catch (e) {
    if (!(e instanceof StatusError && e.code === 403)) throw e;
  }
  try {
    ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as KubeObject);
  } catch (e) {
    if (!(e instanceof StatusError && (e.code === 409 || e.code === 403))) throw e;
  }
}

interface Outcome {
  obj: KubeObject;
  operation: ReconcileOperation;
  protected: boolean;
  missingSubjects?: Subject[];
  extraSubjects?: Subject[];
  missingRules?: PolicyRule[];
  extraRules?: PolicyRule[];
}

function reconcileOne(ctx: KubectlContext, m: ManifestObject, confirm: boolean, removeRules: boolean, removeSubjects: boolean): Outcome {
  const expected = withNamespace(m);
  const ns = m.rt.namespaced ? m.namespace : undefined;
  const existing = ctx.api.tryGet(m.rt.plural, ns, m.name);
  const isRole = roleKinds.has(m.rt.kind);
  const r = isRole ? reconcileRole(existing, expected, removeRules) : reconcileBinding(existing, expected, removeSubjects);
  const obj = 'role' in r ? r.role : r.binding;
  const out: Outcome = 'role' in r
    ? { obj, operation: r.operation, protected: r.protected, missingRules: r.missingRules, extraRules: r.extraRules }
    : { obj, operation: r.operation, protected: r.protected, missingSubjects: r.missingSubjects, extraSubjects: r.extraSubjects };
  if (!confirm || r.protected) return out;
  switch (r.operation) {
    case 'create':
      if (ns) ensureNamespace(ctx, ns);
      out.obj = ctx.api.create(obj);
      break;
    case 'update':
      out.obj = ctx.api.update(obj);
      break;
    case 'recreate':
      ctx.api.delete(m.rt.plural, ns, m.name);
      out.obj = ctx.api.create({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined, uid: undefined, creationTimestamp: undefined } } as KubeObject);
      break;
    default:
  }
  return out;
}

function printResults(ctx: KubectlContext, o: Outcome, removeRules: boolean, removeSubjects: boolean): void {
  if (o.operation === 'none') return;
  const caveat = o.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : '';
  let text = `\treconciliation required ${o.operation}${caveat}\n`;
  if (o.missingSubjects?.length) text += `\tmissing subjects added:\n${o.missingSubjects.map((s) => `\t\t${subjectString(s)}\n`).join('')}`;
  if (removeSubjects && o.extraSubjects?.length) text += `\textra subjects removed:\n${o.extraSubjects.map((s) => `\t\t${subjectString(s)}\n`).join('')}`;
  if (o.missingRules?.length) text += `\tmissing rules added:\n${o.missingRules.map((r) => `\t\t${ruleString(r)}\n`).join('')}`;
  if (removeRules && o.extraRules?.length) text += `\textra rules removed:\n${o.extraRules.map((r) => `\t\t${ruleString(r)}\n`).join('')}`;
  ctx.err(text);
}

export const reconcile: CommandSpec = {
  name: 'reconcile',
  short: 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
  flags: [
    ...filenameFlags,
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'remove-extra-permissions', type: 'bool' },
    { name: 'remove-extra-subjects', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'template', type: 'string' },
    dryRunFlag,
  ],
  run(ctx, args) {
    const filenames = args.arr('filename');
    if (filenames.length === 0 && !args.str('kustomize')) throw new KubectlError('must specify one of -f and -k');
    if (args.str('kustomize')) throw new KubectlError('kustomize directories are not supported in Kubelab');
    if (args.positional.length > 0) throw new KubectlError('no arguments are allowed');
    const dry = dryRunStrategy(args.str('dry-run')) !== 'none';
    const output = parseOutput(args.str('output'));
    const removeRules = args.bool('remove-extra-permissions');
    const removeSubjects = args.bool('remove-extra-subjects');
    const { objects, errors } = readManifests(ctx, { filenames, recursive: args.bool('recursive'), validate: false });
    if (errors.length > 0) return reportErrors(ctx, errors);
    const errs: unknown[] = [];
    let first = true;
    for (const m of objects) {
      if (m.rt.group !== rbacGroup || !(roleKinds.has(m.rt.kind) || bindingKinds.has(m.rt.kind))) continue;
      const version = String(m.obj.apiVersion ?? '').split('/')[1];
      if (version !== 'v1') {
        errs.push(new KubectlError(`only rbac.authorization.k8s.io/v1 is supported: not *${version}.${m.rt.kind}`));
        continue;
      }
      try {
        const o = reconcileOne(ctx, m, !dry, removeRules, removeSubjects);
        printObject(ctx, o.obj, m.rt, output, first, output === '' || output === 'name' ? `reconciled${dry ? ' (dry run)' : ''}` : '');
        first = false;
        printResults(ctx, o, removeRules, removeSubjects);
      } catch (e) {
        errs.push(e);
      }
    }
    return reportErrors(ctx, errs);
  },
};
