/**
 * Commands that keep printing (`kubectl get -w`, `kubectl logs -f`). Run by `Cluster.run`, they are bounded:
 * they let virtual time run for the request timeout and return (a script, a test, a replay cannot wait).
 * Run by `Cluster.stream`, the command prints what it has, hands its live part (a store watch, a timer) to
 * the stream through this runtime service and returns; its later output reaches the stream's listener as
 * the cluster changes, until the command ends by itself or the stream is cancelled (Ctrl+C).
 */
import type { ClusterRuntime } from '../runtime.ts';

export const FOLLOW_SERVICE = 'kubectl-follow';

/** The live part of a streaming command, handed to the stream. */
export interface FollowSlot {
  out(text: string): void;
  err(text: string): void;
  /** Keep running after the command returns; `stop` is called on cancel (it unsubscribes, cancels timers). */
  hold(stop: () => void): void;
  /** The command ended by itself (a watch's timeout, a followed container exited) with this exit status. */
  end(code: number): void;
}

export interface FollowHost {
  /** The slot for the one command the stream runs; undefined when it is taken or the command is not the stream's. */
  claim(): FollowSlot | undefined;
}

/** A command's chance to stream: a slot when it runs as a stream's single command, else undefined (stay bounded). */
export function claimFollow(rt: ClusterRuntime): FollowSlot | undefined {
  return rt.service<FollowHost>(FOLLOW_SERVICE)?.claim();
}
