import type { ReplicationController } from 'kubernetes-types/core/v1';
import { age, containerCells, formatLabels } from './common.ts';
import { registerTableHandler } from './registry.ts';
import { replicaColumns } from './replicaset.ts';

registerTableHandler({
  kind: 'ReplicationController',
  columns: replicaColumns,
  row: (o, ctx) => {
    const rc = o as unknown as ReplicationController;
    const cells = [
      rc.metadata?.name ?? '',
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      age(rc.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) {
      const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
      cells.push(names, images, formatLabels(rc.spec?.selector));
    }
    return cells;
  },
});
