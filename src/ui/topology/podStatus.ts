import type { Pod } from 'kubernetes-types/core/v1';

/** Colour families for pod states in the live view. */
export type PodTone = 'running' | 'pending' | 'failing' | 'terminating' | 'completed' | 'unknown';

const FAILING = new Set(['CrashLoopBackOff', 'Error', 'ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'OOMKilled', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'Failed', 'Evicted', 'ContainerStatusUnknown', 'StartError']);

/**
 * The word kubectl shows in a pod's STATUS column, following the same precedence as its pod printer:
 * Terminating for a pod being deleted, then the first container's waiting or terminated reason, then an
 * init-container step (`Init:0/1`), then the pod's reason or phase.
 */
export function podStatusText(pod: Pod): string {
  const status = pod.status ?? {};
  let reason = status.reason ?? status.phase ?? 'Pending';
  const init = status.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < init.length; i++) {
    const s = init[i];
    if (s.state?.terminated && s.state.terminated.exitCode === 0) continue;
    initializing = true;
    if (s.state?.terminated) reason = s.state.terminated.reason ? `Init:${s.state.terminated.reason}` : `Init:ExitCode:${s.state.terminated.exitCode}`;
    else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? init.length}`;
    break;
  }
  if (!initializing) {
    let running = false;
    for (const s of [...(status.containerStatuses ?? [])].reverse()) {
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated) reason = s.state.terminated.reason ?? `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state?.running) running = true;
    }
    if (reason === 'Completed' && running) reason = 'Running';
  }
  if (pod.metadata?.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

export function podTone(text: string): PodTone {
  if (text === 'Running') return 'running';
  if (text === 'Terminating') return 'terminating';
  if (text === 'Completed' || text === 'Succeeded') return 'completed';
  if (text === 'Unknown') return 'unknown';
  if (FAILING.has(text) || FAILING.has(text.replace(/^Init:/, '')) || text.startsWith('ExitCode:') || text.startsWith('Init:ExitCode')) return 'failing';
  return 'pending';
}
