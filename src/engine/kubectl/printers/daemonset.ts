import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { age, containerCells, formatLabels, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'DaemonSet',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row: (o, ctx) => {
    const d = o as unknown as DaemonSet;
    const st = d.status;
    const cells = [
      d.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(d.spec?.template?.spec?.nodeSelector as Record<string, string> | undefined),
      age(d.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(d.spec?.template?.spec?.containers), formatLabelSelector(d.spec?.selector));
    return cells;
  },
});
