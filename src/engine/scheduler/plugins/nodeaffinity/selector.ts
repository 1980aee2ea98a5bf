import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';

const intPattern = /^[+-]?\d+$/;

function parseInt64(s: string): number | undefined {
  return intPattern.test(s) ? Number(s) : undefined;
}

/** One requirement against a value that may be absent (component-helpers nodeaffinity semantics). */
function matchesRequirement(r: NodeSelectorRequirement, present: boolean, value: string): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return present && values.includes(value);
    case 'NotIn':
      return !present || !values.includes(value);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      if (!present || values.length !== 1) return false;
      const have = parseInt64(value);
      const want = parseInt64(values[0]);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions (on labels) and fields (metadata.name) match; an empty term matches nothing. */
export function matchesTerm(term: NodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) {
    const present = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (!matchesRequirement(r, present, present ? labels[r.key] : '')) return false;
  }
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (r.operator !== 'In' && r.operator !== 'NotIn') return false;
    if (!matchesRequirement(r, true, nodeName)) return false;
  }
  return true;
}

/** Terms are ORed. */
export function matchesNodeSelector(sel: NodeSelector, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (const t of sel.nodeSelectorTerms ?? []) if (matchesTerm(t, labels, nodeName)) return true;
  return false;
}

/** spec.nodeSelector: every key present with the same value. */
export function matchesMap(sel: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}
