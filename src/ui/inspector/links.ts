import type { KubeObject } from '../../engine/index.ts';
import type { ObjRef } from '../state/uiStore.ts';

/**
 * Object names in terminal output, for the terminal's link provider: `kind[.group]/name` as kubectl prints
 * them (`deployment.apps/web created`, `pod/web-1 deleted`) and bare names of objects that exist (the NAME
 * column of `kubectl get`). Namespaced references resolve in the object's namespace when it is known.
 */
export interface ObjectLink {
  /** 0-based character offsets in the line, end exclusive. */
  start: number;
  end: number;
  ref: ObjRef;
}

/** kubectl's lower-case resource words (singular, plural, short, `kind.group`) → Kind. */
const KINDS: Record<string, string> = {};
for (const [kind, words] of Object.entries({
  Pod: ['pod', 'pods', 'po'],
  Node: ['node', 'nodes', 'no'],
  Service: ['service', 'services', 'svc'],
  Deployment: ['deployment', 'deployments', 'deploy', 'deployment.apps'],
  ReplicaSet: ['replicaset', 'replicasets', 'rs', 'replicaset.apps'],
  StatefulSet: ['statefulset', 'statefulsets', 'sts', 'statefulset.apps'],
  DaemonSet: ['daemonset', 'daemonsets', 'ds', 'daemonset.apps'],
  Job: ['job', 'jobs', 'job.batch'],
  CronJob: ['cronjob', 'cronjobs', 'cj', 'cronjob.batch'],
  Ingress: ['ingress', 'ingresses', 'ing', 'ingress.networking.k8s.io'],
  ConfigMap: ['configmap', 'configmaps', 'cm'],
  Secret: ['secret', 'secrets'],
  Namespace: ['namespace', 'namespaces', 'ns'],
  PersistentVolumeClaim: ['persistentvolumeclaim', 'pvc'],
  EndpointSlice: ['endpointslice.discovery.k8s.io'],
})) for (const w of words) KINDS[w] = kind;

const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);
const NAME = '[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?';
const TYPED = new RegExp(`(?<![\\w./-])([a-z][a-z0-9.]*)/(${NAME})(?![\\w/-])`, 'g');
const BARE = new RegExp(`(?<![\\w./:-])(${NAME})(?![\\w/:-])`, 'g');

/** Names of live objects → a reference (the first of pods, nodes, Services, workloads with that name). */
export type NameIndex = ReadonlyMap<string, ObjRef>;

export function nameIndex(objects: Readonly<Record<string, readonly KubeObject[]>>, kinds = ['Pod', 'Node', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Ingress']): Map<string, ObjRef> {
  const out = new Map<string, ObjRef>();
  for (const k of kinds)
    for (const o of objects[k] ?? []) {
      const name = o.metadata?.name ?? '';
      if (name.length < 3 || out.has(name)) continue;
      out.set(name, o.metadata?.namespace ? { kind: k, name, namespace: o.metadata.namespace } : { kind: k, name });
    }
  return out;
}

export function objectLinks(line: string, names: NameIndex, namespaceOf: (kind: string, name: string) => string | undefined = () => undefined): ObjectLink[] {
  const out: ObjectLink[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of line.matchAll(TYPED)) {
    const kind = KINDS[m[1]];
    if (!kind) continue;
    const start = m.index ?? 0;
    const ns = CLUSTER_SCOPED.has(kind) ? undefined : (namespaceOf(kind, m[2]) ?? names.get(m[2])?.namespace);
    out.push({ start, end: start + m[0].length, ref: ns ? { kind, name: m[2], namespace: ns } : { kind, name: m[2] } });
    taken.push([start, start + m[0].length]);
  }
  for (const m of line.matchAll(BARE)) {
    const ref = names.get(m[1]);
    const start = m.index ?? 0;
    if (!ref || taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
    out.push({ start, end: start + m[0].length, ref });
  }
  return out.sort((a, b) => a.start - b.start);
}
