import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { matchesLabelSelector } from '../util/labels.ts';
import type { LoadApi, LoadKnob } from './types.ts';

/** The lab's load knobs (`lab load`), one per workload. */
export class LoadKnobs implements LoadApi {
  private knobs = new Map<string, LoadKnob>();

  private static key(namespace: string, resource: string, name: string): string {
    return `${namespace}/${resource}/${name}`;
  }

  set(knob: LoadKnob): void {
    this.knobs.set(LoadKnobs.key(knob.namespace, knob.resource, knob.name), knob);
  }

  clear(namespace: string, resource: string, name: string): boolean {
    return this.knobs.delete(LoadKnobs.key(namespace, resource, name));
  }

  all(): LoadKnob[] {
    return [...this.knobs.values()];
  }
}

/** True for a pod that serves traffic: Running, Ready and not being deleted. */
export function podIsReady(p: KubeObject): boolean {
  const pod = p as unknown as Pod;
  if (p.metadata.deletionTimestamp || pod.status?.phase !== 'Running') return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pods a workload's selector matches in its namespace (a workload without a selector matches none). */
export function workloadPods(store: ObjectStore, workload: KubeObject): KubeObject[] {
  const sel = (workload.spec as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector;
  if (!sel) return [];
  // ReplicationControllers select with a plain map.
  const selector: LabelSelector = 'matchLabels' in sel || 'matchExpressions' in sel ? (sel as LabelSelector) : { matchLabels: sel as Record<string, string> };
  return store.list('pods', workload.metadata.namespace).filter((p) => matchesLabelSelector(selector, p.metadata.labels ?? {}));
}

/** Per-pod extra usage from every knob: each knob's total split evenly over its workload's ready pods. */
export function distributeLoad(store: ObjectStore, knobs: readonly LoadKnob[]): Map<string, { cpu: number; memory: number }> {
  const out = new Map<string, { cpu: number; memory: number }>();
  for (const k of knobs) {
    const w = store.get(k.resource, k.namespace, k.name);
    if (!w) continue;
    const ready = workloadPods(store, w).filter(podIsReady);
    if (ready.length === 0) continue;
    for (const p of ready) {
      const uid = p.metadata.uid ?? '';
      const cur = out.get(uid) ?? { cpu: 0, memory: 0 };
      cur.cpu += (k.cpu ?? 0) / ready.length;
      cur.memory += (k.memory ?? 0) / ready.length;
      out.set(uid, cur);
    }
  }
  return out;
}
