import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { age, containerCells } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'StatefulSet',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Ready' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
  ],
  row: (o, ctx) => {
    const s = o as unknown as StatefulSet;
    const cells = [s.metadata?.name ?? '', `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, age(s.metadata?.creationTimestamp, ctx)];
    if (ctx.wide) cells.push(...containerCells(s.spec?.template?.spec?.containers));
    return cells;
  },
});
