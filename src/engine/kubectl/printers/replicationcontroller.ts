import type { ReplicationController } from 'kubernetes-types/core/v1';
import { formatLabels } from './common.ts';
import { registerTableHandler } from './registry.ts';
import { replicaColumns, replicaRow } from './replicaset.ts';

registerTableHandler({
  kind: 'ReplicationController',
  columns: replicaColumns,
  row: (o, ctx) => {
    const rc = o as unknown as ReplicationController;
    return replicaRow(rc, ctx, ctx.wide ? formatLabels(rc.spec?.selector) : '');
  },
});
