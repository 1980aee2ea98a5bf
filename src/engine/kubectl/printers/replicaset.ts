import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { age, containerCells, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';

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

registerTableHandler({
  kind: 'ReplicaSet',
  columns: replicaColumns,
  row: (o, ctx) => {
    const rs = o as unknown as ReplicaSet;
    const cells = [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(rs.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) {
      const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
      cells.push(names, images, formatLabelSelector(rs.spec?.selector));
    }
    return cells;
  },
});
