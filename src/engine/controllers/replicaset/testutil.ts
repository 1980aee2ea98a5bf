import type { KubeObject } from '../../api/types.ts';
import { ClusterRuntime } from '../../runtime.ts';
import { coreControllers } from '../core.ts';
import { workloadControllers } from '../workloads.ts';
import { clone } from '../../store/store.ts';

/** A cluster with no worker nodes: the controllers run against the API alone (tests only). */
export function apiOnlyCluster(): ClusterRuntime {
  const rt = new ClusterRuntime({ nodes: [] });
  for (const name of ['default', 'kube-system']) {
    rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  // No nodes here: the node controllers (which would garbage-collect pods bound to missing nodes) stay off.
  const nodeControllers = new Set(['node-lifecycle', 'taint-eviction', 'pod-garbage-collector', 'simulated-nodes']);
  for (const make of [...workloadControllers, ...coreControllers]) {
    const c = make(rt);
    if (!nodeControllers.has(c.name)) rt.controllers.add(c);
  }
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
  if (!(cur.spec as { nodeName?: string }).nodeName) rt.api.bind(pod.metadata.namespace!, pod.metadata.name!, node);
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

/**
 * Play scheduler + kubelet for controller tests: new pods are bound and become Running/Ready after
 * `readyAfterMs` (never when `neverReady`); pods being deleted go away after `terminateAfterMs`.
 */
export function fakeKubelet(rt: ClusterRuntime, opts: { readyAfterMs?: number; terminateAfterMs?: number; neverReady?: (pod: KubeObject) => boolean } = {}): void {
  const readyAfter = opts.readyAfterMs ?? 1000;
  const terminateAfter = opts.terminateAfterMs ?? 500;
  const terminating = new Set<string>();
  rt.store.watch((ev) => {
    if (ev.resource !== 'pods') return;
    const p = ev.object;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    if (ev.type === 'ADDED' && !opts.neverReady?.(p)) {
      rt.clock.schedule(() => {
        const cur = rt.store.get('pods', p.metadata.namespace, p.metadata.name!);
        if (cur && cur.metadata.uid === p.metadata.uid && !cur.metadata.deletionTimestamp) makeReady(rt, cur);
      }, readyAfter);
    }
    if (ev.type === 'MODIFIED' && p.metadata.deletionTimestamp && !terminating.has(key)) {
      terminating.add(key);
      rt.clock.schedule(() => {
        terminating.delete(key);
        const cur = rt.store.get('pods', p.metadata.namespace, p.metadata.name!);
        if (cur && cur.metadata.uid === p.metadata.uid) rt.api.delete('pods', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
      }, terminateAfter);
    }
  });
}

export function deployment(
  name: string,
  replicas: number,
  extra: { image?: string; strategy?: Record<string, unknown>; minReadySeconds?: number; progressDeadlineSeconds?: number; revisionHistoryLimit?: number; paused?: boolean } = {},
): KubeObject {
  const labels = { app: name };
  const spec: Record<string, unknown> = {
    replicas,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: extra.image ?? 'nginx:1.0' }] } },
  };
  for (const k of ['strategy', 'minReadySeconds', 'progressDeadlineSeconds', 'revisionHistoryLimit', 'paused'] as const) {
    if (extra[k] !== undefined) spec[k] = extra[k];
  }
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec };
}

export function setImage(rt: ClusterRuntime, name: string, image: string): void {
  rt.api.modify('deployments', 'default', name, (d) => {
    (d.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = image;
  });
}
