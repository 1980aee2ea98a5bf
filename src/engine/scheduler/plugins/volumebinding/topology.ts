import type { NodeSelector } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';
import { pvSpec } from '../../../api/kinds/persistentvolume.ts';

interface TopologyTerm {
  matchLabelExpressions?: Array<{ key: string; values: string[] }>;
}

/** MatchTopologySelectorTerms: no terms match everything; terms are ORed, expressions within one ANDed. */
export function matchTopologySelectorTerms(terms: readonly unknown[] | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!terms || terms.length === 0) return true;
  for (const t of terms as TopologyTerm[]) {
    const exprs = t.matchLabelExpressions ?? [];
    if (exprs.every((e) => labels[e.key] !== undefined && e.values.includes(labels[e.key]))) return true;
  }
  return false;
}

/**
 * GetLocalPersistentVolumeNodeNames: the hostnames a volume's required node affinity pins it to
 * (`kubernetes.io/hostname In [...]` per term, intersected within a term, united across terms), or undefined
 * when some term does not pin hostnames.
 */
export function localVolumeNodeNames(pv: KubeObject): Set<string> | undefined {
  const req = pvSpec(pv).nodeAffinity?.required as NodeSelector | undefined;
  if (!req) return undefined;
  const result = new Set<string>();
  for (const term of req.nodeSelectorTerms ?? []) {
    let nodes: Set<string> | undefined;
    for (const e of term.matchExpressions ?? []) {
      if (e.key !== 'kubernetes.io/hostname' || e.operator !== 'In') continue;
      const vals = new Set(e.values ?? []);
      nodes = nodes ? new Set([...nodes].filter((n) => vals.has(n))) : vals;
    }
    // A term without a hostname pin allows nodes this function cannot list: no narrowing.
    if (!nodes) return undefined;
    for (const n of nodes) result.add(n);
  }
  return result.size ? result : undefined;
}
