import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { DefaultDeploymentUniqueLabelKey, equalIgnoreHash, skipCopyAnnotation } from '../../controllers/deployment/util.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { dryRunStrategy, dryRunSuffix, reportErrors } from '../apply/report.ts';
import { printTemplate, replicaSetsOf, revisionOf } from './history.ts';
import { groupKind, nameOf, resolveTargets, type Target } from './targets.ts';
import { planRollback } from '../../controllers/history/view.ts';

/** deploymentRevision: the ReplicaSet of `toRevision`, or (0) the one before the latest. */
function deploymentRevision(ctx: KubectlContext, d: KubeObject, toRevision: number): KubeObject {
  let latest: KubeObject | undefined;
  let latestRev = -1;
  let previous: KubeObject | undefined;
  let previousRev = -1;
  for (const rs of replicaSetsOf(ctx, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latestRev < v) {
        previousRev = latestRev;
        previous = latest;
        latestRev = v;
        latest = rs;
      } else if (previousRev < v) {
        previousRev = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/**
 * DeploymentRollbacker.Rollback (kubectl 1.32 rolls back client-side): copy the chosen ReplicaSet's pod template
 * (without pod-template-hash) and its annotations into the Deployment. Returns the printer's operation text.
 */
function rollbackDeployment(ctx: KubectlContext, d: KubeObject, toRevision: number, dry: 'none' | 'client' | 'server'): string {
  const rs = deploymentRevision(ctx, d, toRevision);
  const rsTemplate = (rs.spec as { template?: PodTemplateSpec }).template;
  if (dry === 'client') return printTemplate(rsTemplate);
  if ((d.spec as { paused?: boolean }).paused) {
    throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  const current = (d.spec as { template?: PodTemplateSpec }).template;
  if (equalIgnoreHash(rsTemplate, current)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = JSON.parse(JSON.stringify(rsTemplate ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (template.metadata?.labels) delete template.metadata.labels[DefaultDeploymentUniqueLabelKey];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) annotations[k] = v;
  try {
    ctx.api.modify(
      'deployments',
      d.metadata.namespace,
      d.metadata.name!,
      (o) => {
        (o.spec as { template: unknown }).template = template;
        o.metadata.annotations = annotations;
      },
      { dryRun: dry === 'server' },
    );
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${toRevision}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 'rolled back';
}

/**
 * StatefulSetRollbacker / DaemonSetRollbacker: restore the pod template a ControllerRevision recorded (the
 * revision's data is a patch replacing spec.template). Returns the printer's operation text.
 */
function rollbackFromHistory(ctx: KubectlContext, t: Target, toRevision: number, dry: 'none' | 'client' | 'server'): string {
  let plan: ReturnType<typeof planRollback>;
  try {
    plan = planRollback(ctx.api, t.obj, toRevision);
  } catch (e) {
    throw new KubectlError(e instanceof Error ? e.message : String(e));
  }
  if (dry === 'client') return printTemplate(plan.kind === 'restore' ? plan.template : (t.obj.spec as { template?: PodTemplateSpec }).template);
  if (plan.kind === 'skip') return plan.message;
  try {
    ctx.api.modify(
      t.rt.plural,
      t.obj.metadata.namespace,
      t.obj.metadata.name!,
      (o) => {
        (o.spec as { template: unknown }).template = JSON.parse(JSON.stringify(plan.template));
      },
      { dryRun: dry === 'server' },
    );
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${toRevision}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 'rolled back';
}

/** `kubectl rollout undo`. */
export function runUndo(ctx: KubectlContext, args: ParsedArgs): number {
  const toRevision = args.int('to-revision');
  const dry = dryRunStrategy(args.str('dry-run'));
  const { targets, errors } = resolveTargets(ctx, args);
  if (errors.length > 0) return reportErrors(ctx, errors);
  for (const t of targets) {
    if (t.rt.kind !== 'Deployment' && t.rt.kind !== 'StatefulSet' && t.rt.kind !== 'DaemonSet') {
      throw new KubectlError(`no rollbacker has been implemented for "${groupKind(t.rt)}"`);
    }
    if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    const result = t.rt.kind === 'Deployment' ? rollbackDeployment(ctx, t.obj, toRevision, dry) : rollbackFromHistory(ctx, t, toRevision, dry);
    ctx.out(`${nameOf(t)} ${result}${dryRunSuffix(dry)}\n`);
  }
  return 0;
}
