import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../../api/types.ts';
import { matchesLabelSelector, matchesMapSelector } from '../../../util/labels.ts';
import type { Handle } from '../../framework/interfaces.ts';
import type { NodeTable } from '../../nodetable.ts';
import type { SelectorCounter } from '../../podcache.ts';
import type { PodInfo } from '../../podinfo.ts';
import { findUntoleratedScheduleTaint } from '../helper/taints.ts';
import { matchesMap, matchesNodeSelector } from '../nodeaffinity/selector.ts';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';

/** A constraint the plugin works with (upstream's topologySpreadConstraint): the selector resolved, counts attached. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
  /** Per-node counts of matching, non-terminating pods in the pod's namespace; undefined for an empty selector (counts 0). */
  counter?: SelectorCounter;
}

/** The system default constraints (kube-scheduler's systemDefaultConstraints), applied with defaultingType System. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3, labelSelector: undefined },
  { topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5, labelSelector: undefined },
] as unknown as TopologySpreadConstraint[];

/** Plugin arguments (PodTopologySpreadArgs). */
export interface SpreadArgs {
  defaultConstraints: readonly TopologySpreadConstraint[];
  defaultingType: 'System' | 'List';
}

export const DEFAULT_SPREAD_ARGS: SpreadArgs = { defaultConstraints: [], defaultingType: 'System' };

function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

/** Add matchLabelKeys as `key In (pod's value)` requirements (keys the pod lacks are ignored). */
function withMatchLabelKeys(sel: LabelSelector, keys: readonly string[] | undefined, podLabels: Readonly<Record<string, string>>): LabelSelector {
  if (!keys || keys.length === 0) return sel;
  const extra: LabelSelectorRequirement[] = [];
  for (const k of keys) if (k in podLabels) extra.push({ key: k, operator: 'In', values: [podLabels[k]] });
  if (extra.length === 0) return sel;
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

/**
 * DefaultSelector (plugins/helper/spread.go): the union of the selectors of the Services in the pod's namespace
 * that select it, and of its controlling ReplicationController, ReplicaSet or StatefulSet. Empty when nothing
 * selects the pod.
 */
export function defaultSelector(pod: PodInfo, h: Handle): LabelSelector {
  const labels = (pod.pod.metadata.labels ?? {}) as Record<string, string>;
  const matchLabels: Record<string, string> = {};
  for (const svc of h.store.list('services', pod.namespace)) {
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (sel && matchesMapSelector(sel, labels)) Object.assign(matchLabels, sel);
  }
  let expressions: LabelSelectorRequirement[] = [];
  const owner = pod.pod.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    const get = (resource: string): KubeObject | undefined => h.store.get(resource, pod.namespace, owner.name);
    if (group === '' && owner.kind === 'ReplicationController') {
      const sel = (get('replicationcontrollers')?.spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (sel) Object.assign(matchLabels, sel);
    } else if (group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
      const sel = (get(owner.kind === 'ReplicaSet' ? 'replicasets' : 'statefulsets')?.spec as { selector?: LabelSelector } | undefined)?.selector;
      if (sel) {
        for (const [k, v] of Object.entries(sel.matchLabels ?? {})) expressions.push({ key: k, operator: 'In', values: [v] });
        expressions = expressions.concat(sel.matchExpressions ?? []);
      }
    }
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (expressions.length > 0) out.matchExpressions = expressions;
  return out;
}

/**
 * The pod's constraints for one action (DoNotSchedule for Filter, ScheduleAnyway for Score): its own when it
 * has any, else the default constraints with the default selector (none when nothing selects the pod).
 */
export function constraintsFor(pod: PodInfo, h: Handle, args: SpreadArgs, action: 'DoNotSchedule' | 'ScheduleAnyway', cache?: DefaultsCache): Constraint[] {
  const own = pod.spec.topologySpreadConstraints;
  const out: Constraint[] = [];
  if (own && own.length > 0) {
    const labels = (pod.pod.metadata.labels ?? {}) as Record<string, string>;
    for (const c of own) {
      if (c.whenUnsatisfiable !== action) continue;
      const base = c.labelSelector ?? null;
      const sel = base ? withMatchLabelKeys(base, c.matchLabelKeys, labels) : null;
      out.push(make(c, sel, pod, h));
    }
    return out;
  }
  const wanted = defaultsFor(args, action);
  if (wanted.length === 0) return out;
  // Pods of one controller share their default constraints while no Service or controller changes.
  const owner = pod.pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
  const key = owner && `${action}/${owner}/${Object.entries(pod.pod.metadata.labels ?? {}).join(',')}`;
  const hit = key ? cache?.get(key) : undefined;
  if (hit && hit.version === h.pods.workloadVersion && hit.constraints.every((c) => !c.counter?.evicted)) return hit.constraints;
  const sel = defaultSelector(pod, h);
  if (!isEmptySelector(sel)) for (const c of wanted) out.push(make(c, sel, pod, h));
  if (key && cache) {
    if (cache.size > 1000) cache.clear();
    cache.set(key, { version: h.pods.workloadVersion, constraints: out });
  }
  return out;
}

const byAction = new WeakMap<SpreadArgs, Record<string, readonly TopologySpreadConstraint[]>>();

/** The default constraints that apply to one action, computed once per arguments object. */
function defaultsFor(args: SpreadArgs, action: string): readonly TopologySpreadConstraint[] {
  let m = byAction.get(args);
  if (!m) {
    const defaults = args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
    m = {
      DoNotSchedule: defaults.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
      ScheduleAnyway: defaults.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
    };
    byAction.set(args, m);
  }
  return m[action];
}

/** Default constraints per controller and pod labels, valid for one workloadVersion. */
export type DefaultsCache = Map<string, { version: number; constraints: Constraint[] }>;

const NOTHING: LabelSelector = { matchExpressions: [{ key: '', operator: 'In', values: [] }] };

function make(c: TopologySpreadConstraint, sel: LabelSelector | null, pod: PodInfo, h: Handle): Constraint {
  // A nil selector matches nothing and an empty one counts nothing (countPodsMatchSelector returns 0 for it).
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: sel ?? NOTHING,
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    counter: sel && !isEmptySelector(sel) ? h.pods.counter(new Set([pod.namespace]), sel, true) : undefined,
  };
}

/** Whether the pod's own labels match the constraint's selector (selfMatchNum). */
export function selfMatches(c: Constraint, pod: PodInfo): boolean {
  return matchesLabelSelector(c.selector, (pod.pod.metadata.labels ?? {}) as Record<string, string>);
}

/** nodeLabelsMatchSpreadConstraints: the node carries every constraint's topology key. */
export function hasAllKeys(labels: Readonly<Record<string, string>>, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** The pod's required node affinity (nodeSelector and required terms) holds for node i. */
export function matchesRequiredAffinity(pod: PodInfo, t: NodeTable, i: number): boolean {
  if (pod.nodeSelector && !matchesMap(pod.nodeSelector, t.labels[i])) return false;
  if (pod.requiredNodeAffinity && !matchesNodeSelector(pod.requiredNodeAffinity, t.labels[i], t.names[i])) return false;
  return true;
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (default Ignore). */
export function includesNode(c: Constraint, pod: PodInfo, t: NodeTable, i: number, affinityOk: boolean): boolean {
  if (c.honorNodeAffinity && !affinityOk) return false;
  if (c.honorNodeTaints && t.taints[i].length > 0 && findUntoleratedScheduleTaint(t.taints[i], pod.tolerations)) return false;
  return true;
}
