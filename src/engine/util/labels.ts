import type { LabelSelector } from 'kubernetes-types/meta/v1';

/**
 * Match labels against a metav1.LabelSelector object (matchLabels + matchExpressions), as
 * metav1.LabelSelectorAsSelector does. An empty selector matches everything; a null one matches nothing.
 * (Text selectors such as `app=web,tier in (a,b)` are parsed in util/selectors.ts.)
 */
export function matchesLabelSelector(sel: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const vals = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Match a plain map selector (Service.spec.selector, ReplicationController.spec.selector). Empty matches nothing. */
export function matchesMapSelector(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false;
  return true;
}
