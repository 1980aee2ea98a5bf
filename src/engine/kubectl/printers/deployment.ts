import type { Deployment } from 'kubernetes-types/apps/v1';
import { age, containerCells, labelSelectorString } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'Deployment',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row: (o, ctx) => {
    const d = o as unknown as Deployment;
    const st = d.status ?? {};
    const cells = [
      d.metadata?.name ?? '',
      `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      st.updatedReplicas ?? 0,
      st.availableReplicas ?? 0,
      age(d.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) {
      const [names, images] = containerCells(d.spec?.template?.spec?.containers);
      // LabelSelectorAsSelector(...).String(): an empty selector prints as "" (it selects everything).
      cells.push(names, images, d.spec?.selector ? labelSelectorString(d.spec.selector) : '');
    }
    return cells;
  },
});
