import type { KubeObject } from '../../api/types.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { reportErrors } from '../apply/report.ts';
import { nameOf, resolveTargets, resourceString, type Target } from './targets.ts';

/** A polymorphic helper (ObjectPauser, ObjectResumer, ObjectRestarter): edit the object or refuse with a reason. */
type Mutator = (t: Target, o: KubeObject, ctx: KubectlContext) => void;

const pauser: Mutator = (t, o) => {
  if (t.rt.kind !== 'Deployment') throw new Error('pausing is not supported');
  const spec = o.spec as { paused?: boolean };
  if (spec.paused) throw new Error('is already paused');
  spec.paused = true;
};

const resumer: Mutator = (t, o) => {
  if (t.rt.kind !== 'Deployment') throw new Error('resuming is not supported');
  const spec = o.spec as { paused?: boolean };
  if (!spec.paused) throw new Error('is not paused');
  spec.paused = false;
};

const restarter: Mutator = (t, o, ctx) => {
  if (t.rt.kind !== 'Deployment' && t.rt.kind !== 'StatefulSet' && t.rt.kind !== 'DaemonSet') throw new Error('restarting is not supported');
  const spec = o.spec as { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } };
  if (t.rt.kind === 'Deployment' && spec.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  const meta = ((spec.template ??= {}).metadata ??= {});
  (meta.annotations ??= {})['kubectl.kubernetes.io/restartedAt'] = ctx.rt.clock.timestamp();
};

/**
 * pause / resume / restart: compute the change for every target (set.CalculatePatches), report the ones that
 * fail as `error: <resource> "<name>" <reason>`, apply the rest and print `<kind>/<name> <verb>`.
 */
function runMutation(ctx: KubectlContext, args: ParsedArgs, mutate: Mutator, done: string, unchanged: string): number {
  const { targets, errors } = resolveTargets(ctx, args);
  for (const t of targets) {
    const o = JSON.parse(JSON.stringify(t.obj)) as KubeObject;
    try {
      mutate(t, o, ctx);
    } catch (e) {
      errors.push(new KubectlError(`error: ${resourceString(t.rt)} "${t.obj.metadata.name}" ${(e as Error).message}\n`, 1, true));
      continue;
    }
    if (JSON.stringify(o) === JSON.stringify(t.obj)) {
      if (done === 'restarted') {
        errors.push(new KubectlError(`failed to create patch for ${t.obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`));
      } else {
        ctx.out(`${nameOf(t)} ${unchanged}\n`);
      }
      continue;
    }
    try {
      ctx.api.update(o);
    } catch (e) {
      errors.push(new KubectlError(`failed to patch: ${e instanceof Error ? e.message : String(e)}`));
      continue;
    }
    ctx.out(`${nameOf(t)} ${done}\n`);
  }
  return reportErrors(ctx, errors);
}

export const runPause = (ctx: KubectlContext, args: ParsedArgs) => runMutation(ctx, args, pauser, 'paused', 'already paused');
export const runResume = (ctx: KubectlContext, args: ParsedArgs) => runMutation(ctx, args, resumer, 'resumed', 'already resumed');
export const runRestart = (ctx: KubectlContext, args: ParsedArgs) => runMutation(ctx, args, restarter, 'restarted', 'restarted');
