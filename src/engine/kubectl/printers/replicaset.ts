import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { age, containerCells, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { Cell, RowContext } from './types.ts';

export const replicaColumns = [
  { name: 'Name', isName: true },
  { name: 'Desired' },
  { name: 'Current' },
  { name: 'Ready' },
  { name: 'Age' },
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
];

/** A row for the replica-count printers (ReplicaSet, ReplicationController); they differ only in the selector. */
export function replicaRow(
  o: { metadata?: { name?: string; creationTimestamp?: string }; spec?: { replicas?: number; template?: { spec?: { containers?: unknown } } }; status?: { replicas?: number; readyReplicas?: number } },
  ctx: RowContext,
  selector: string,
): Cell[] {
  const cells: Cell[] = [o.metadata?.name ?? '', o.spec?.replicas ?? 0, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o.metadata?.creationTimestamp, ctx)];
  if (ctx.wide) {
    const [names, images] = containerCells(o.spec?.template?.spec?.containers as Parameters<typeof containerCells>[0]);
    cells.push(names, images, selector);
  }
  return cells;
}

registerTableHandler({
  kind: 'ReplicaSet',
  columns: replicaColumns,
  row: (o, ctx) => {
    const rs = o as unknown as ReplicaSet;
    return replicaRow(rs, ctx, ctx.wide ? formatLabelSelector(rs.spec?.selector) : '');
  },
});
