// kubectl's rule display helpers (staging/src/k8s.io/kubectl/pkg/util/rbac and describe.CombineResourceGroup),
// shared by `kubectl auth can-i --list` and `kubectl describe role|clusterrole`.
import type { PolicyRule } from './types.ts';

/** Go's %v of a []string. */
export const goList = (xs: readonly string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** PolicyRule.String(), the key `--list` sorts by. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** rbacutil.BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? [])
    for (const res of rule.resources ?? [])
      for (const v of rule.verbs) {
        if ((rule.resourceNames?.length ?? 0) > 0) for (const n of rule.resourceNames!) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res] });
      }
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs) out.push({ verbs: [v], nonResourceURLs: [u] });
  return out;
}

/** rbacutil.CompactRules: simple rules on the same group/resource/name merge their verbs. */
export function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !(r.nonResourceURLs?.length) && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = `${r.apiGroups![0]}\u0000${r.resources![0]}\u0000${r.resourceNames?.[0] ?? '\u0001'}`;
    const seen = simple.get(key);
    if (seen) {
      for (const v of r.verbs) if (!seen.verbs.includes(v)) seen.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** describe.CombineResourceGroup: `deployments.apps/scale`. */
export function combineResourceGroup(resources: readonly string[] | undefined, groups: readonly string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let s = res;
  if (groups?.length && groups[0] !== '') s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

/** sort.Stable(SortableRuleSlice): by PolicyRule.String(). */
export function sortRules(rules: PolicyRule[]): PolicyRule[] {
  const keyed = rules.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.r);
}
