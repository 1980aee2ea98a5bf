import type { KubeObject } from '../../api/types.ts';
import { Reason, RevisionAnnotation } from '../../controllers/deployment/util.ts';
import type { KubectlContext } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { parseGoDuration, type ParsedArgs } from '../flags.ts';
import { groupKind, resolveTargets } from './targets.ts';
import { reportErrors } from '../apply/report.ts';
import { statefulSetRolloutStatus } from '../../controllers/statefulset/rollout.ts';
import { daemonSetRolloutStatus } from '../../controllers/daemonset/rollout.ts';

/** How long `rollout status` watches when no --timeout is given (kubectl waits forever; the lab stops). */
export const defaultWatchLimitMs = 10 * 60 * 1000;
/** Virtual time moved per step while watching. */
const stepMs = 100;

interface DeploymentLike {
  metadata: KubeObject['metadata'];
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; conditions?: Array<{ type: string; reason?: string }> };
}

/** DeploymentStatusViewer.Status: the line to print and whether the rollout is done; throws on failure. */
export function deploymentStatus(obj: KubeObject, revision: number): { text: string; done: boolean } {
  const d = obj as unknown as DeploymentLike;
  const name = d.metadata.name;
  if (revision > 0) {
    const v = d.metadata.annotations?.[RevisionAnnotation];
    const rev = v === undefined ? 0 : Number(v);
    if (v !== undefined && !/^\d+$/.test(v)) throw new KubectlError(`cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${v}": invalid syntax`);
    if (revision !== rev) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${rev})`);
  }
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = st.conditions?.find((c) => c.type === 'Progressing');
    if (cond?.reason === Reason.TimedOut) throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
    const want = d.spec?.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want) return { text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    const replicas = st.replicas ?? 0;
    if (replicas > updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
    const available = st.availableReplicas ?? 0;
    if (available < updated) return { text: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/** The status viewer of a kind (polymorphichelpers.StatusViewerFor), or undefined when kubectl has none. */
function statusViewer(kind: string): ((o: KubeObject, revision: number) => { text: string; done: boolean }) | undefined {
  switch (kind) {
    case 'Deployment':
      return deploymentStatus;
    case 'StatefulSet':
      return (o) => {
        const s = statefulSetRolloutStatus(o);
        return { text: s.message, done: s.done };
      };
    case 'DaemonSet':
      return (o) => {
        const s = daemonSetRolloutStatus(o);
        return { text: s.message, done: s.done };
      };
    default:
      return undefined;
  }
}

/**
 * `kubectl rollout status`: print the status of each target, and with --watch (the default) keep printing as the
 * object changes until the rollout is done, it fails, or --timeout passes. Virtual time advances while
 * watching; a line is printed when it differs from the previous one.
 */
export function runStatus(ctx: KubectlContext, args: ParsedArgs): number {
  const revision = args.int('revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const timeoutMs = parseGoDuration(args.str('timeout')) ?? 0;
  const watch = args.values.get('watch') !== false;
  const { targets, errors } = resolveTargets(ctx, args);
  if (errors.length > 0) return reportErrors(ctx, errors);
  for (const t of targets) {
    const viewer = statusViewer(t.rt.kind);
    if (!viewer) throw new KubectlError(`no status viewer has been implemented for ${groupKind(t.rt)}`);
    const ns = t.obj.metadata.namespace;
    const name = t.obj.metadata.name!;
    let last = '';
    let failure: unknown;
    let done = false;
    let deleted = false;
    const observe = (o: KubeObject) => {
      if (done || failure) return;
      try {
        const s = viewer(o, revision);
        if (s.text !== last) ctx.out(s.text);
        last = s.text;
        done = s.done || !watch;
      } catch (e) {
        failure = e;
      }
    };
    observe(t.obj);
    if (!done && !failure) {
      const stop = ctx.rt.store.watch((ev) => {
        if (ev.resource !== t.rt.plural || ev.object.metadata.namespace !== ns || ev.object.metadata.name !== name) return;
        if (ev.type === 'DELETED') deleted = true;
        else observe(ev.object);
      });
      try {
        const limit = timeoutMs > 0 ? timeoutMs : defaultWatchLimitMs;
        const start = ctx.rt.clock.now();
        while (!done && !failure && !deleted && ctx.rt.clock.now() - start < limit) {
          ctx.rt.advance(Math.min(stepMs, limit - (ctx.rt.clock.now() - start)));
        }
      } finally {
        stop();
      }
      if (deleted && !done && !failure) failure = new KubectlError('object has been deleted');
      if (!done && !failure) failure = new KubectlError('timed out waiting for the condition');
    }
    if (failure) return reportErrors(ctx, [failure]);
  }
  return 0;
}
