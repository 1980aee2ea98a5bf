import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { canonicalJson } from './hash.ts';

/** deploymentutil constants (pkg/controller/deployment/util/deployment_util.go). */
export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const ChangeCauseAnnotation = 'kubernetes.io/change-cause';
export const LastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';
/** maxRevHistoryLengthInChars. */
export const maxRevHistoryLengthInChars = 2000;

export const Reason = {
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
} as const;

/** annotationsToSkip: never copied from a Deployment to its ReplicaSets. */
const annotationsToSkip = new Set([LastAppliedAnnotation, RevisionAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation, 'deprecated.deployment.rollback.to']);

export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

export type IntOrString = number | string;

/** The Deployment spec with the apps/v1 defaults applied where fields are absent. */
export interface DeploymentSpecView {
  replicas: number;
  selector?: LabelSelector;
  template: Mut<PodTemplateSpec>;
  strategy: { type: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
  minReadySeconds: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused: boolean;
}

export function specOf(d: KubeObject): DeploymentSpecView {
  const s = (d.spec ?? {}) as Partial<DeploymentSpecView> & { strategy?: DeploymentSpecView['strategy'] };
  const type = s.strategy?.type ?? 'RollingUpdate';
  return {
    replicas: s.replicas ?? 1,
    selector: s.selector,
    template: (s.template ?? {}) as Mut<PodTemplateSpec>,
    strategy: {
      type,
      rollingUpdate:
        type === 'RollingUpdate'
          ? { maxSurge: s.strategy?.rollingUpdate?.maxSurge ?? '25%', maxUnavailable: s.strategy?.rollingUpdate?.maxUnavailable ?? '25%' }
          : undefined,
    },
    minReadySeconds: s.minReadySeconds ?? 0,
    revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: s.progressDeadlineSeconds ?? 600,
    paused: s.paused ?? false,
  };
}

/** intstr.GetScaledValueFromIntOrPercent: percentages of `total`, rounded up or down. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!v.endsWith('%')) throw new Error('invalid type: string is not a percentage');
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${v.slice(0, -1)}": invalid syntax`);
  const x = (parseInt(m[1], 10) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both zero resolves maxUnavailable to 1. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function isRollingUpdate(d: DeploymentSpecView): boolean {
  return d.strategy.type === 'RollingUpdate';
}

export function maxSurge(d: DeploymentSpecView): number {
  if (!isRollingUpdate(d)) return 0;
  return resolveFenceposts(d.strategy.rollingUpdate?.maxSurge, d.strategy.rollingUpdate?.maxUnavailable, d.replicas)[0];
}

export function maxUnavailable(d: DeploymentSpecView): number {
  if (!isRollingUpdate(d) || d.replicas === 0) return 0;
  const u = resolveFenceposts(d.strategy.rollingUpdate?.maxSurge, d.strategy.rollingUpdate?.maxUnavailable, d.replicas)[1];
  return Math.min(u, d.replicas);
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: DeploymentSpecView): boolean {
  return d.progressDeadlineSeconds !== undefined && d.progressDeadlineSeconds !== 2147483647;
}

// ---- ReplicaSet helpers ----

export interface RSView {
  replicas: number;
  status: { replicas: number; readyReplicas: number; availableReplicas: number; observedGeneration: number };
}

export function rsReplicas(rs: KubeObject): number {
  return ((rs.spec ?? {}) as { replicas?: number }).replicas ?? 1;
}

export function rsStatus(rs: KubeObject): RSView['status'] {
  const s = (rs.status ?? {}) as Partial<RSView['status']>;
  return { replicas: s.replicas ?? 0, readyReplicas: s.readyReplicas ?? 0, availableReplicas: s.availableReplicas ?? 0, observedGeneration: s.observedGeneration ?? 0 };
}

export function rsTemplate(rs: KubeObject): PodTemplateSpec {
  return ((rs.spec ?? {}) as { template?: PodTemplateSpec }).template ?? {};
}

/** Revision: the revision annotation as a number (0 when absent; NaN when not an integer). */
export function revisionOf(o: KubeObject): number {
  const v = o.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return /^\d+$/.test(v) ? parseInt(v, 10) : NaN;
}

/** MaxRevision over a set of ReplicaSets (unparsable revisions are skipped). */
export function maxRevision(rss: KubeObject[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is removed from both. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}

export function withoutHash(t: PodTemplateSpec | undefined): unknown {
  if (!t) return {};
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[DefaultDeploymentUniqueLabelKey];
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } };
}

/**
 * The canonical form of an object's pod template without the hash label, cached per object: stored objects never
 * change in place, so a Deployment's reconcile compares its template with each ReplicaSet's at string cost.
 */
const templateKeys = new WeakMap<object, string>();

/** The cache slot: the template object itself (status writes keep it, so the key survives them), else the object. */
function templateHolder(o: KubeObject): object {
  return ((o.spec ?? undefined) as { template?: object } | undefined)?.template ?? o;
}

export function templateKey(o: KubeObject): string {
  const holder = templateHolder(o);
  let k = templateKeys.get(holder);
  if (k === undefined) {
    k = canonicalJson(withoutHash(((o.spec ?? {}) as { template?: PodTemplateSpec }).template));
    templateKeys.set(holder, k);
  }
  return k;
}

/** Let a working copy reuse the cached template key of the stored object it was cloned from. */
export function shareTemplateKey(from: KubeObject, to: KubeObject): void {
  templateKeys.set(templateHolder(to), templateKey(from));
}

function created(o: KubeObject): string {
  return o.metadata.creationTimestamp ?? '';
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ca = created(a);
  const cb = created(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  const na = a.metadata.name!;
  const nb = b.metadata.name!;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  const ra = revisionOf(a) || 0;
  const rb = revisionOf(b) || 0;
  return ra !== rb ? ra - rb : byCreation(a, b);
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first. */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  const d = rsReplicas(b) - rsReplicas(a);
  return d !== 0 ? d : byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first. */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  const d = rsReplicas(b) - rsReplicas(a);
  return d !== 0 ? d : byCreation(b, a);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring the hash). */
export function findNewReplicaSet(d: KubeObject, rsList: KubeObject[]): KubeObject | undefined {
  const t = templateKey(d);
  return [...rsList].sort(byCreation).find((rs) => templateKey(rs) === t);
}

/** FindOldReplicaSets: [those with replicas, all old]. */
export function findOldReplicaSets(d: KubeObject, rsList: KubeObject[]): [KubeObject[], KubeObject[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return [all.filter((rs) => rsReplicas(rs) !== 0), all];
}

export function filterActive(rss: Array<KubeObject | undefined>): KubeObject[] {
  return rss.filter((rs): rs is KubeObject => !!rs && rsReplicas(rs) > 0);
}

export function sumReplicas(rss: Array<KubeObject | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsReplicas(rs);
  return n;
}

export function sumActual(rss: Array<KubeObject | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).replicas;
  return n;
}

export function sumReady(rss: Array<KubeObject | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).readyReplicas;
  return n;
}

export function sumAvailable(rss: Array<KubeObject | undefined>): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsStatus(rs).availableReplicas;
  return n;
}

/** integer.RoundToInt32: Go's math.Round (half away from zero). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
