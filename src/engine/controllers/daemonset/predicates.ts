import type { Affinity, Node, NodeSelectorTerm, Pod, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { matchesMap, matchesNodeSelector } from '../../scheduler/plugins/nodeaffinity/selector.ts';
import { toleratesTaint } from '../../scheduler/plugins/helper/taints.ts';

/** DaemonSet pod helpers of pkg/controller/daemon/util and daemon_controller.go. */

type Spec = Mut<PodSpec>;

/** Toleration.MatchToleration: same key, operator, value and effect. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** v1helper.AddOrUpdateTolerationInPodSpec. */
function addOrUpdateToleration(spec: Spec, t: Toleration): void {
  const list = (spec.tolerations ??= []);
  const i = list.findIndex((x) => sameToleration(x, t));
  if (i >= 0) list[i] = { ...t };
  else list.push({ ...t });
}

/** The tolerations the DaemonSet controller gives every daemon pod (AddOrUpdateDaemonPodTolerations). */
export function addDaemonPodTolerations(spec: Spec): void {
  const add = (key: string, effect: 'NoExecute' | 'NoSchedule') => addOrUpdateToleration(spec, { key, operator: 'Exists', effect });
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: a required node affinity term `metadata.name In [node]`. */
export function replaceNodeNameAffinity(affinity: Mut<Affinity> | undefined, nodeName: string): Mut<Affinity> {
  const term: Mut<NodeSelectorTerm> = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const out = affinity ?? {};
  const na = (out.nodeAffinity ??= {});
  if (!na.requiredDuringSchedulingIgnoredDuringExecution) na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  else na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [term];
  return out;
}

/** GetTargetNodeName: spec.nodeName, or the node the `metadata.name In [x]` affinity term names. */
export function targetNodeName(pod: KubeObject): string | undefined {
  const spec = pod.spec as PodSpec | undefined;
  if (spec?.nodeName) return spec.nodeName;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const r of t.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1) return r.values[0];
    }
  }
  return undefined;
}

function firstUntolerated(taints: readonly Taint[], tolerations: readonly Toleration[], effects: string[]): Taint | undefined {
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/**
 * NodeShouldRunDaemonPod: `shouldRun` when a daemon pod should be started on the node, `shouldContinueRunning`
 * when an existing one may stay. Node name, nodeSelector and required node affinity must match; untolerated
 * NoSchedule/NoExecute taints block new pods, and only untolerated NoExecute taints evict existing ones. The
 * daemon tolerations (not-ready, unreachable, pressure, unschedulable, network-unavailable for hostNetwork)
 * count as the pod's own.
 */
export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): ShouldRun {
  // Stored nodes and DaemonSet templates are immutable: the verdict for a (node, template) pair never changes.
  const tpl = ((ds.spec as { template?: object } | undefined)?.template ?? ds) as object;
  let byTemplate = verdicts.get(node);
  if (!byTemplate) verdicts.set(node, (byTemplate = new WeakMap()));
  let v = byTemplate.get(tpl);
  if (!v) byTemplate.set(tpl, (v = computeShouldRun(node, ds)));
  return v;
}

type ShouldRun = Readonly<{ shouldRun: boolean; shouldContinueRunning: boolean }>;
const verdicts = new WeakMap<KubeObject, WeakMap<object, ShouldRun>>();

function computeShouldRun(node: KubeObject, ds: KubeObject): ShouldRun {
  const template = (ds.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? ({} as PodSpec);
  const name = node.metadata.name!;
  if (template.nodeName && template.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const labels = node.metadata.labels ?? {};
  const fitsAffinity =
    (!template.nodeSelector || matchesMap(template.nodeSelector, labels)) &&
    (!template.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ||
      matchesNodeSelector(template.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, labels, name));
  if (!fitsAffinity) return { shouldRun: false, shouldContinueRunning: false };
  const spec = JSON.parse(JSON.stringify(template)) as Spec;
  addDaemonPodTolerations(spec);
  const taints = ((node as unknown as Node).spec?.taints ?? []) as Taint[];
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  if (firstUntolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !firstUntolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

export type { Pod };
