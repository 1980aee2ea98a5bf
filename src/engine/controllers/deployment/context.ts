import { isStatusError, type KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import type { ControllerContext } from '../types.ts';
import { normalizeStatus, statusOf, type DeploymentStatus } from './conditions.ts';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.ts';
import { maxSurge, rsReplicas, specOf } from './util.ts';

export const component = 'deployment-controller';

/**
 * One sync of one Deployment: the working copy `d` (status and annotations are edited in memory, as upstream
 * edits its deep copy) and the ways to write it back.
 */
export class DeploymentSync {
  /** Ask for another sync after this many ms (progress-deadline checks). */
  requeueAfterMs: number | undefined;

  constructor(
    readonly ctx: ControllerContext,
    readonly d: KubeObject,
  ) {
    this.spec = specOf(d);
  }

  get ns(): string {
    return this.d.metadata.namespace!;
  }

  get name(): string {
    return this.d.metadata.name!;
  }

  /** The spec with defaults applied (a sync never changes the spec, so it is read once). */
  readonly spec: ReturnType<typeof specOf>;

  get status(): DeploymentStatus {
    return (this.d.status ??= {}) as DeploymentStatus;
  }

  now(): string {
    return this.ctx.clock.timestamp();
  }

  /** The latest stored copy of a ReplicaSet we hold (the informer cache catches up between steps). */
  fresh(rs: KubeObject): KubeObject {
    const cur = this.ctx.store.get('replicasets', rs.metadata.namespace, rs.metadata.name!);
    return cur && cur.metadata.uid === rs.metadata.uid ? cur : rs;
  }

  /** UpdateStatus with the working copy's status and annotations (the status strategy keeps both, bumping no generation). */
  writeStatus(): void {
    const cur = this.ctx.store.get('deployments', this.ns, this.name);
    if (!cur || cur.metadata.uid !== this.d.metadata.uid) return;
    const next = { ...cur, metadata: { ...cur.metadata }, status: normalizeStatus(statusOf(this.d)) };
    if (this.d.metadata.annotations) next.metadata.annotations = { ...this.d.metadata.annotations };
    this.ctx.api.updateStatus(next);
  }

  /**
   * scaleReplicaSet: set replicas and the desired/max annotations; a size change records
   * `ScalingReplicaSet` "Scaled up|down replica set X from A to B" on the Deployment.
   */
  scaleReplicaSet(rs: KubeObject, newScale: number): [boolean, KubeObject] {
    rs = this.fresh(rs);
    const spec = this.spec;
    const max = spec.replicas + maxSurge(spec);
    const oldScale = rsReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, spec.replicas, max)) return [false, rs];
    const copy = clone(rs);
    (copy.spec as { replicas: number }).replicas = newScale;
    setReplicasAnnotations(copy, spec.replicas, max);
    const updated = this.ctx.api.update(copy);
    if (sizeNeedsUpdate) {
      const op = oldScale < newScale ? 'up' : 'down';
      this.ctx.events.normal(this.d, 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`, { component });
    }
    return [sizeNeedsUpdate, updated];
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do when the size already matches. */
  scaleReplicaSetAndRecordEvent(rs: KubeObject, newScale: number): [boolean, KubeObject] {
    if (rsReplicas(this.fresh(rs)) === newScale) return [false, this.fresh(rs)];
    return this.scaleReplicaSet(rs, newScale);
  }
}

/** A failed API write: the sync stops and is retried with backoff, as a returned error would be upstream. */
export function isRetryable(e: unknown): boolean {
  return isStatusError(e);
}
