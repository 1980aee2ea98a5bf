// Server-side printing: metav1.Table for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`, from the
// lab's per-kind printers (the same columns the in-lab kubectl prints).
import type { KubeObject } from '../engine/api/types.ts';
import { toTable } from '../engine/kubectl/printers/index.ts';

export type IncludeObject = 'None' | 'Object' | 'PartialObjectMetadata';

/** True when the Accept header asks for a meta.k8s.io Table (v1 or v1beta1). */
export function wantsTable(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const m of (accept ?? '').split(',')) {
    const p = m.replace(/\s/g, '');
    if (!/(^|;)as=Table(;|$)/.test(p) || !/(^|;)g=meta\.k8s\.io(;|$)/.test(p)) continue;
    if (/(^|;)v=v1(;|$)/.test(p)) return 'v1';
    if (/(^|;)v=v1beta1(;|$)/.test(p)) return 'v1beta1';
  }
  return undefined;
}

function partial(o: KubeObject, version: string): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: o.metadata };
}

/** Build the Table for `objects` of one kind; `list` metadata (resourceVersion, continue) is the list's. */
export function buildTable(
  kind: string,
  objects: readonly KubeObject[],
  nowMs: number,
  include: IncludeObject,
  version: 'v1' | 'v1beta1',
  listMeta: Record<string, unknown>,
): unknown {
  const t = toTable(kind, objects, nowMs);
  const columnDefinitions = t.columns.map((c, i) => {
    const numeric = t.rows.length > 0 && t.rows.every((r) => typeof r.cells[i] === 'number');
    const type = c.name === 'Age' ? 'date' : numeric ? 'integer' : 'string';
    return { name: c.name, type, format: c.isName ? 'name' : '', description: '', priority: c.priority ?? 0 };
  });
  const rows = t.rows.map((r) => {
    const row: Record<string, unknown> = { cells: r.cells };
    if (include === 'Object') row.object = r.object;
    else if (include === 'PartialObjectMetadata') row.object = partial(r.object, version);
    return row;
  });
  return { kind: 'Table', apiVersion: `meta.k8s.io/${version}`, metadata: listMeta, columnDefinitions, rows };
}
