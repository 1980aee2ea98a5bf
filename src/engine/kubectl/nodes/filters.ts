// The pod filters of `kubectl drain` (staging/src/k8s.io/kubectl/pkg/drain/filters.go).
import type { KubeObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';

export const daemonSetFatal = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
export const localStorageFatal = 'Pods with local storage (use --delete-emptydir-data to override)';
export const localStorageWarning = 'deleting Pods with local storage';
export const unmanagedFatal = 'cannot delete Pods that declare no controller (use --force to override)';
export const unmanagedWarning = 'deleting Pods that declare no controller';
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

export type Reason = 'Okay' | 'Skip' | 'Warning' | 'Error';

export interface PodDeleteStatus {
  delete: boolean;
  reason: Reason;
  message?: string;
}

export interface FilterOptions {
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  skipWaitForDeleteTimeoutSeconds: number;
  nowMs: number;
  parseTime(ts: string): number;
}

const okay: PodDeleteStatus = { delete: true, reason: 'Okay' };
const skip: PodDeleteStatus = { delete: false, reason: 'Skip' };
const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message });
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

function finished(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function controllerOf(pod: KubeObject) {
  return pod.metadata.ownerReferences?.find((r) => r.controller);
}

/** shouldSkipPod: the pod's deletionTimestamp is more than N seconds old (N > 0). */
export function shouldSkipPod(pod: KubeObject, o: Pick<FilterOptions, 'skipWaitForDeleteTimeoutSeconds' | 'nowMs' | 'parseTime'>): boolean {
  const ts = pod.metadata.deletionTimestamp;
  return o.skipWaitForDeleteTimeoutSeconds > 0 && !!ts && Math.floor((o.nowMs - o.parseTime(ts)) / 1000) > o.skipWaitForDeleteTimeoutSeconds;
}

/** The filters, in upstream order; the first that refuses deletion decides, else the last one's status stands. */
export function podDeleteStatus(api: ApiServer, pod: KubeObject, o: FilterOptions): PodDeleteStatus {
  const filters: Array<() => PodDeleteStatus> = [
    () => (shouldSkipPod(pod, o) ? skip : okay),
    () => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay;
      if (!api.tryGet('daemonsets', pod.metadata.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? warning(true, msg) : error(msg);
      }
      return o.ignoreAllDaemonSets ? warning(false, daemonSetWarning) : error(daemonSetFatal);
    },
    () => (pod.metadata.annotations && mirrorPodAnnotation in pod.metadata.annotations ? skip : okay),
    () => {
      const volumes = (pod.spec as { volumes?: Array<{ emptyDir?: unknown }> } | undefined)?.volumes ?? [];
      if (!volumes.some((v) => v.emptyDir !== undefined && v.emptyDir !== null) || finished(pod)) return okay;
      return o.deleteEmptyDirData ? warning(true, localStorageWarning) : error(localStorageFatal);
    },
    () => {
      if (finished(pod) || controllerOf(pod)) return okay;
      return o.force ? warning(true, unmanagedWarning) : error(unmanagedFatal);
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f();
    if (!status.delete) break;
  }
  return status;
}

export interface PodDelete {
  pod: KubeObject;
  status: PodDeleteStatus;
}

/** Group `ns/name` by message, in the order messages first appear. */
function grouped(items: PodDelete[], reason: Reason): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const i of items) {
    if (i.status.reason !== reason) continue;
    const msg = i.status.message || (reason === 'Error' ? 'unexpected error' : '');
    const list = m.get(msg) ?? [];
    list.push(`${i.pod.metadata.namespace}/${i.pod.metadata.name}`);
    m.set(msg, list);
  }
  return m;
}

/** PodDeleteList.Warnings: `<message>: ns/a, ns/b; <message>: ...`. */
export function warnings(items: PodDelete[]): string {
  return [...grouped(items, 'Warning')].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; ');
}

/** PodDeleteList.errors: one error per message, `cannot delete <message>: ns/a, ns/b`. */
export function errors(items: PodDelete[]): string[] {
  return [...grouped(items, 'Error')].map(([msg, pods]) =>
    msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${pods.join(', ')}` : `cannot delete ${msg}: ${pods.join(', ')}`,
  );
}
