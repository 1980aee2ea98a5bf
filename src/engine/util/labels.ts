import type { LabelSelector } from 'kubernetes-types/meta/v1';

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Match labels against a metav1.LabelSelector object (matchLabels + matchExpressions), as
 * metav1.LabelSelectorAsSelector does. An empty selector matches everything; a null one matches nothing.
 * (Text selectors such as `app=web,tier in (a,b)` are parsed in util/selectors.ts.)
 */
export function matchesLabelSelector(sel: LabelSelector | null | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? EMPTY;
  // A plain loop: this runs for every pod of every owner's claim, and Object.entries allocates per call.
  const ml = sel.matchLabels;
  if (ml) for (const k in ml) if (l[k] !== ml[k]) return false;
  const exprs = sel.matchExpressions;
  if (!exprs) return true;
  for (const e of exprs) {
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
  if (!sel) return false;
  const l = labels ?? EMPTY;
  let any = false;
  for (const k in sel) {
    if (l[k] !== sel[k]) return false;
    any = true;
  }
  return any;
}
