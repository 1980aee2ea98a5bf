import type { DestinationRuleSpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { resolveHost } from './model.ts';

export interface EffectiveDr {
  spec: DestinationRuleSpec;
  /** The istio config path of the rule merged into (the oldest), as cluster metadata names it. */
  path: string;
  created: string;
  /** Every rule that contributed, "namespace/name", oldest first. */
  from: string[];
}

/**
 * The DestinationRule each host gets (PushContext.mergeDestinationRule / SetDestinationRules): rules are taken
 * oldest first; within one namespace, rules for the same host (without workloadSelector) merge into the oldest:
 * later rules add subsets whose names are new (a duplicate name is dropped) and give the top-level trafficPolicy
 * only if no earlier rule had one. Across namespaces, the service's own namespace wins, then the root namespace,
 * then the oldest other namespace. `rules` must be sorted oldest first.
 */
export function effectiveDestinationRules(rules: readonly KubeObject[], rootNs: string): Map<string, EffectiveDr> {
  const byHostNs = new Map<string, Map<string, EffectiveDr>>();
  for (const dr of rules) {
    const spec = (dr.spec ?? {}) as DestinationRuleSpec & { workloadSelector?: unknown };
    if (spec.workloadSelector) continue;
    const ns = dr.metadata.namespace ?? 'default';
    const fqdn = resolveHost(spec.host ?? '', ns);
    let perNs = byHostNs.get(fqdn);
    if (!perNs) byHostNs.set(fqdn, (perNs = new Map()));
    const id = `${ns}/${dr.metadata.name}`;
    const cur = perNs.get(ns);
    if (!cur) {
      perNs.set(ns, { spec, path: `/apis/networking.istio.io/v1/namespaces/${ns}/destination-rule/${dr.metadata.name}`, created: dr.metadata.creationTimestamp ?? '', from: [id] });
      continue;
    }
    const names = new Set((cur.spec.subsets ?? []).map((s) => s.name));
    const added = (spec.subsets ?? []).filter((s) => !names.has(s.name));
    cur.spec = {
      ...cur.spec,
      ...(added.length ? { subsets: [...(cur.spec.subsets ?? []), ...added] } : {}),
      ...(cur.spec.trafficPolicy === undefined && spec.trafficPolicy !== undefined ? { trafficPolicy: spec.trafficPolicy } : {}),
    };
    cur.from.push(id);
  }
  const out = new Map<string, EffectiveDr>();
  for (const [fqdn, perNs] of byHostNs) {
    const svcNs = fqdn.endsWith('.svc.cluster.local') ? fqdn.split('.')[1] : undefined;
    const pick = (svcNs && perNs.get(svcNs)) || perNs.get(rootNs) || [...perNs.values()].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0))[0];
    out.set(fqdn, pick);
  }
  return out;
}
