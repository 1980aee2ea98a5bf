import type { KubeObject } from '../../api/types.ts';
import { ClusterRuntime } from '../../runtime.ts';
import { startControllers } from '../index.ts';
import { clone } from '../../store/store.ts';

/** A cluster with no worker nodes: the controllers run against the API alone (tests only). */
export function apiOnlyCluster(): ClusterRuntime {
  const rt = new ClusterRuntime({ nodes: [] });
  for (const name of ['default', 'kube-system']) {
    rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  startControllers(rt);
  rt.settle();
  return rt;
}

export function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; labels?: Record<string, string> } = {}): KubeObject {
  const labels = extra.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

/** Pods of the namespace whose labels include `labels`, not being deleted. */
export function podsOf(rt: ClusterRuntime, labels: Record<string, string>): KubeObject[] {
  return rt.store
    .list('pods', 'default')
    .filter((p) => !p.metadata.deletionTimestamp && Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v));
}

/** Play scheduler and kubelet: bind to `node` and mark Running + Ready now. */
export function makeReady(rt: ClusterRuntime, pod: KubeObject, node = 'worker-1'): void {
  const cur = rt.store.get('pods', pod.metadata.namespace, pod.metadata.name!)!;
  const next = clone(cur);
  (next.spec as { nodeName?: string }).nodeName ??= node;
  rt.api.update(next);
  const s = clone(rt.store.get('pods', pod.metadata.namespace, pod.metadata.name!)!);
  const now = rt.clock.timestamp();
  s.status = {
    ...(s.status as object),
    phase: 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
    ],
  };
  rt.api.updateStatus(s);
}

export function eventsFor(rt: ClusterRuntime, name: string): Array<{ reason: string; message: string; type: string; component: string }> {
  return rt.store
    .list('events', 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => ({ reason: e.reason as string, message: e.message as string, type: e.type as string, component: (e.source as { component: string }).component }));
}
