import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import type { Mut } from '../api/types.ts';
import type { ResolvedImage } from '../images/catalog.ts';
import type { ContainerFs } from '../images/fs.ts';
import type { SimProcess } from '../images/process.ts';
import type { TimerId } from '../clock/clock.ts';

export type CtrState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: number }
  | { kind: 'terminated'; exitCode: number; reason: string; message?: string; startedAt: number; finishedAt: number; containerID: string };

export interface ProbeRun {
  timer?: TimerId;
  successes: number;
  failures: number;
}

/** One container of a pod as the kubelet tracks it (its current instance and what came before). */
export interface Ctr {
  spec: Container;
  init: boolean;
  restartCount: number;
  state: CtrState;
  lastTerminated?: Extract<CtrState, { kind: 'terminated' }>;
  containerID?: string;
  image?: ResolvedImage;
  /** The normalised reference (`docker.io/library/nginx:1.14`) reported as status.image. */
  imageName?: string;
  proc?: SimProcess;
  fs?: ContainerFs;
  /** Logs of the previous instance, for `kubectl logs --previous`. */
  previousProc?: SimProcess;
  ready: boolean;
  started: boolean;
  probes: { liveness?: ProbeRun; readiness?: ProbeRun; startup?: ProbeRun };
  exitTimer?: TimerId;
  /** True while the kubelet is stopping this instance (liveness failure, pod deletion). */
  stopping?: boolean;
  /** An image pull / create / start is under way. */
  inProgress?: boolean;
  /** Waiting on a retry (image back-off, never-pull): the worker re-runs ensureImage itself. */
  retry?: boolean;
  /** The container's field path in its pod (`spec.containers{web}`), for events; made once. */
  fieldPath?: string;
  /** The status last written for this container, with what it was computed from (see `reusableStatus`). */
  written?: WrittenStatus;
}

/** A container status as stored, and the container fields it was computed from. */
interface WrittenStatus {
  obj: ContainerStatus;
  state: CtrState;
  lastTerminated?: CtrState;
  ready: boolean;
  started: boolean;
  restartCount: number;
  containerID?: string;
  imageName?: string;
  image?: ResolvedImage;
}

/**
 * The stored status `prev` when it is the one last written for this container and nothing `toStatus` reads
 * has changed since (states are replaced, never changed in place): the status write then shares it.
 */
export function reusableStatus(c: Ctr, prev: ContainerStatus | undefined): ContainerStatus | undefined {
  const w = c.written;
  if (!w || !prev || w.obj !== prev) return undefined;
  if (w.state !== c.state || w.lastTerminated !== c.lastTerminated || w.ready !== c.ready || w.started !== c.started) return undefined;
  if (w.restartCount !== c.restartCount || w.containerID !== c.containerID || w.imageName !== c.imageName || w.image !== c.image) return undefined;
  return prev;
}

/** Remember the stored status of a container (after a status write) for `reusableStatus`. */
export function rememberStatus(c: Ctr, obj: ContainerStatus | undefined): void {
  c.written = obj && {
    obj,
    state: c.state,
    lastTerminated: c.lastTerminated,
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    containerID: c.containerID,
    imageName: c.imageName,
    image: c.image,
  };
}

export function newCtr(spec: Container, init: boolean, hasInit: boolean): Ctr {
  return {
    spec,
    init,
    restartCount: 0,
    state: { kind: 'waiting', reason: hasInit ? 'PodInitializing' : 'ContainerCreating' },
    ready: false,
    started: false,
    probes: {},
  };
}

/** The API view of a container (status.containerStatuses[i]). */
export function toStatus(c: Ctr, ts: (ms: number) => string): Mut<ContainerStatus> {
  const st = c.state;
  const s: Mut<ContainerStatus> = {
    name: c.spec.name,
    image: c.imageName ?? c.spec.image ?? '',
    imageID: c.image?.imageID ?? '',
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.started,
    state: {},
    lastState: {},
  };
  if (c.containerID) s.containerID = c.containerID;
  if (st.kind === 'waiting') s.state = { waiting: st.message ? { reason: st.reason, message: st.message } : { reason: st.reason } };
  else if (st.kind === 'running') s.state = { running: { startedAt: ts(st.startedAt) } };
  else s.state = { terminated: terminatedView(st, ts) };
  if (c.lastTerminated) s.lastState = { terminated: terminatedView(c.lastTerminated, ts) };
  const mounts = c.spec.volumeMounts ?? [];
  if (mounts.length > 0) {
    s.volumeMounts = mounts.map((m) => {
      const v: Record<string, unknown> = { name: m.name, mountPath: m.mountPath };
      if (m.readOnly) {
        v.readOnly = true;
        v.recursiveReadOnly = 'Disabled';
      }
      return v as never;
    });
  }
  return s;
}

function terminatedView(t: Extract<CtrState, { kind: 'terminated' }>, ts: (ms: number) => string) {
  const v: Record<string, unknown> = {
    containerID: t.containerID,
    exitCode: t.exitCode,
    finishedAt: ts(t.finishedAt),
    reason: t.reason,
    startedAt: ts(t.startedAt),
  };
  if (t.message) v.message = t.message;
  return v as never;
}
