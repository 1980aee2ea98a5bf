import type { CronJob } from 'kubernetes-types/batch/v1';
import { age, containerCells, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printBoolPtr. */
function boolPtr(v: boolean | undefined): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

registerTableHandler({
  kind: 'CronJob',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row: (o, ctx) => {
    const cj = o as unknown as CronJob;
    const last = cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, ctx) : '<none>';
    const cells = [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last,
      age(cj.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) {
      const [names, images] = containerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers);
      cells.push(names, images, formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector));
    }
    return cells;
  },
});
