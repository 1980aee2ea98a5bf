/** quota.CalculateUsage: a quota's observed usage, summed over the objects of every evaluator it tracks. */
import { evaluatorFor, scopeSelectors } from '../../api/admission/quota/evaluators.ts';
import { add, fromList, mask, zero, type Usage } from '../../api/admission/quota/resources.ts';
import type { ResourceQuotaSpec } from '../../api/kinds/resourcequota.ts';
import type { ResourceRegistry } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ObjectStore } from '../../store/store.ts';

export function calculateUsage(quota: KubeObject, registry: ResourceRegistry, store: ObjectStore, nowMs: number): Usage {
  const spec = quota.spec as ResourceQuotaSpec | undefined;
  const hardNames = [...fromList(spec?.hard).keys()];
  const scopes = scopeSelectors(spec);
  const ns = quota.metadata.namespace;
  let total: Usage = new Map();
  const tracked = new Set<string>();
  for (const rt of registry.all()) {
    if (!rt.namespaced) continue;
    const ev = evaluatorFor(rt);
    const names = ev.matchingResources(hardNames);
    if (names.length === 0) continue;
    // Every tracked resource starts at zero (CalculateUsageStats).
    let used: Usage = new Map(names.map((n) => [n, zero()]));
    for (const o of store.list(rt.plural, ns)) {
      if (!scopes.every((s) => ev.matchesScope(s, o))) continue;
      used = add(used, ev.usage(o, nowMs));
    }
    total = add(total, used);
    for (const n of names) tracked.add(n);
  }
  return mask(total, tracked);
}
