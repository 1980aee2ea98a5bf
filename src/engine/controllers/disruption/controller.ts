import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PDBSpec, PDBStatus } from '../../api/kinds/poddisruptionbudget.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { expectation, ExpectationError } from './expected.ts';
import { deletionTimeoutMs, disruptionAllowedCondition, isPodReady, setCondition } from './status.ts';

const source = { component: 'controllermanager' };

/** The pods a PDB selects: a null selector selects nothing, an empty one every pod of the namespace. */
export function pdbPods(store: ControllerContext['store'], pdb: KubeObject): KubeObject[] {
  const sel = (pdb.spec as PDBSpec | undefined)?.selector;
  if (!sel) return [];
  return store.list('pods', pdb.metadata.namespace).filter((p) => matchesLabelSelector(sel, p.metadata.labels));
}

/** metav1.LabelSelector printed with %v, as the UnmanagedPods event shows it. */
function goSelector(sel: LabelSelector | null | undefined): string {
  return sel ? `&LabelSelector{MatchLabels:map[string]string{${Object.entries(sel.matchLabels ?? {}).sort().map(([k, v]) => `${k}: ${v},`).join('')}},MatchExpressions:[]LabelSelectorRequirement{},}` : '<nil>';
}

function sync(pdb: KubeObject, ctx: ControllerContext): number | undefined {
  const spec = (pdb.spec ?? {}) as PDBSpec;
  const st = (pdb.status ?? {}) as PDBStatus;
  const now = ctx.clock.now();
  const ts = ctx.clock.timestamp();
  const pods = pdbPods(ctx.store, pdb);
  if (pods.length === 0) ctx.events.normal(pdb, 'NoPods', 'No matching pods found', source);
  let exp;
  try {
    exp = expectation(ctx.store, spec, pods);
  } catch (e) {
    if (!(e instanceof ExpectationError)) throw e;
    ctx.events.warning(pdb, 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`, source);
    // failSafe: no disruptions until the controller can compute the budget again.
    const next = clone(pdb);
    const ns = next.status as PDBStatus;
    ns.disruptionsAllowed = 0;
    ns.conditions = setCondition(ns.conditions ?? [], { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: e.message, observedGeneration: ns.observedGeneration ?? 0 }, ts);
    if (!deepEqual(next.status, pdb.status)) ctx.api.updateStatus(next);
    return undefined;
  }
  if (exp.unmanagedPods.length > 0) {
    ctx.events.warning(
      pdb,
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${goSelector(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      source,
    );
  }
  // buildDisruptedPodMap: evictions whose pods are not yet deleting, until they time out.
  const byName = new Map(pods.map((p) => [p.metadata.name!, p]));
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  for (const [name, at] of Object.entries(st.disruptedPods ?? {})) {
    const p = byName.get(name);
    if (!p || p.metadata.deletionTimestamp) continue;
    const expires = Date.parse(at) + deletionTimeoutMs;
    if (expires < now) continue;
    disrupted[name] = at;
    recheck = recheck === undefined ? expires : Math.min(recheck, expires);
  }
  let healthy = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const at = disrupted[p.metadata.name!];
    if (at && Date.parse(at) + deletionTimeoutMs > now) continue;
    if (isPodReady(p)) healthy++;
  }
  let allowed = healthy - exp.desiredHealthy;
  if (exp.expectedCount <= 0 || allowed <= 0) allowed = 0;
  const next: PDBStatus = {
    currentHealthy: healthy,
    desiredHealthy: exp.desiredHealthy,
    expectedPods: exp.expectedCount,
    disruptionsAllowed: allowed,
    observedGeneration: pdb.metadata.generation ?? 0,
    conditions: st.conditions ?? [],
  };
  if (Object.keys(disrupted).length > 0) next.disruptedPods = disrupted;
  next.conditions = disruptionAllowedCondition(next, ts);
  if (!deepEqual(next, st)) {
    const obj = clone(pdb);
    obj.status = next;
    ctx.api.updateStatus(obj);
  }
  return recheck === undefined ? undefined : recheck - now + 1;
}

/**
 * The disruption controller (pkg/controller/disruption): for every PodDisruptionBudget, counts the
 * selected pods that are healthy (Ready, not deleting, not just evicted), the number expected (from the
 * pods' controllers' scale for percentages and maxUnavailable), and publishes how many disruptions are
 * allowed, with the DisruptionAllowed condition.
 */
const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

export function disruptionController(rt: ClusterRuntime): Controller {
  const pdbsFor = (pods: Array<KubeObject | undefined>): string[] => {
    const keys = new Set<string>();
    for (const p of pods) {
      if (!p) continue;
      const ns = p.metadata.namespace;
      for (const pdb of rt.store.list('poddisruptionbudgets', ns)) {
        const sel = (pdb.spec as PDBSpec | undefined)?.selector;
        if (sel && matchesLabelSelector(sel, p.metadata.labels)) keys.add(keyOf(ns, pdb.metadata.name!));
      }
    }
    return [...keys];
  };
  const allInNamespace = (ev: StoreEvent) => rt.store.list('poddisruptionbudgets', ev.object.metadata.namespace).map((p) => keyOf(p.metadata.namespace, p.metadata.name!));
  const scaleChanged = (ev: StoreEvent) =>
    ev.type !== 'MODIFIED' || (ev.oldObject?.spec as { replicas?: number } | undefined)?.replicas !== (ev.object.spec as { replicas?: number } | undefined)?.replicas ? allInNamespace(ev) : [];
  return {
    name: 'disruption',
    watches: [
      { resource: 'poddisruptionbudgets', keys: (ev) => (ev.type === 'DELETED' ? [] : [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)]) },
      // No PodDisruptionBudget in the namespace (the usual case): nothing to map, nothing to allocate.
      { resource: 'pods', keys: (ev) => (rt.store.count('poddisruptionbudgets', ev.object.metadata.namespace || '') === 0 ? NO_KEYS : pdbsFor([ev.object, ev.oldObject])) },
      ...['deployments', 'replicasets', 'replicationcontrollers', 'statefulsets'].map((resource) => ({ resource, keys: scaleChanged })),
    ],
    start(_ctx, enqueue) {
      for (const p of rt.store.list('poddisruptionbudgets')) enqueue(keyOf(p.metadata.namespace, p.metadata.name!));
    },
    reconcile(key, ctx) {
      const [ns, name] = splitKey(key);
      const pdb = ctx.store.get('poddisruptionbudgets', ns, name);
      if (!pdb || pdb.metadata.deletionTimestamp) return;
      const after = sync(pdb, ctx);
      return after === undefined ? undefined : { requeueAfterMs: after };
    },
  };
}

