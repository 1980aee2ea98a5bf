import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/server.ts';
import type { KubeObject } from '../api/types.ts';
import { KubectlError } from '../kubectl/errors.ts';

/**
 * Pod selection shared by `kubectl logs` and `kubectl exec` (polymorphichelpers): a pod by name, or for
 * TYPE/NAME the "best" pod of the object's selector, ordered as podutils.ByLogging orders them.
 */
function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function readyTime(p: Pod): string {
  return (p.status?.conditions ?? []).find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
}

function restarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** podutils.ByLogging: assigned, Running, ready, ready longer, more restarts, older first. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase ?? ''] ?? 3;
  const rb = rank[b.status?.phase ?? ''] ?? 3;
  if (ra !== rb) return ra - rb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b)) return readyTime(a) < readyTime(b) ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

export function firstPodFor(
  api: ApiServer,
  namespace: string,
  arg: string,
  matches: (sel: LabelSelector, labels: Record<string, string>) => boolean,
): { pod: Pod; count: number } {
  const slash = arg.indexOf('/');
  if (slash < 0) return { pod: api.get('pods', namespace, arg) as unknown as Pod, count: 1 };
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const rt = api.registry.lookup(type);
  if (!rt) throw new KubectlError(`the server doesn't have a resource type "${type}"`);
  const obj = api.get(rt.plural, namespace, name);
  if (rt.plural === 'pods') return { pod: obj as unknown as Pod, count: 1 };
  const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
  let sel: LabelSelector | undefined;
  if (rt.kind === 'Service' || rt.kind === 'ReplicationController') sel = spec?.selector ? { matchLabels: spec.selector as Record<string, string> } : undefined;
  else sel = spec?.selector as LabelSelector | undefined;
  if (!sel) throw new KubectlError(`cannot attach to ${rt.kind}: selector for ${rt.kind} not implemented`);
  const pods = (api.list('pods', namespace) as KubeObject[]).filter((p) => matches(sel!, p.metadata.labels ?? {})) as unknown as Pod[];
  if (pods.length === 0) throw new KubectlError('timed out waiting for the condition');
  pods.sort(byLogging);
  return { pod: pods[0], count: pods.length };
}

/** `nginx, sidecar, debug (ephem), setup (init)` as podcmd.AllContainerNames prints them. */
export function allContainerNames(pod: Pod): string {
  const s = pod.spec!;
  return [
    ...s.containers.map((c) => c.name),
    ...((s.ephemeralContainers ?? []) as Array<{ name: string }>).map((c) => `${c.name} (ephem)`),
    ...(s.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** Container names in the order `--all-containers` reads them: init, regular, ephemeral. */
export function allContainerEntries(pod: Pod): string[] {
  const s = pod.spec!;
  return [...(s.initContainers ?? []).map((c) => c.name), ...s.containers.map((c) => c.name), ...((s.ephemeralContainers ?? []) as Array<{ name: string }>).map((c) => c.name)];
}

/** The container kubectl picks when -c is absent: the default-container annotation, else the first (with a notice). */
export function defaultContainer(pod: Pod, notice: boolean, warn: (text: string) => void): string {
  const s = pod.spec!;
  const ann = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (ann) {
    if (allContainerEntries(pod).includes(ann)) return ann;
    warn(`Default container name "${ann}" not found in pod ${pod.metadata?.name}\n`);
  }
  const first = s.containers[0].name;
  if (notice && (s.containers.length > 1 || (s.initContainers ?? []).length > 0 || (s.ephemeralContainers ?? []).length > 0)) {
    warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}
