import type { PriorityClassLike } from '../../api/kinds/priorityclass.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'PriorityClass',
  columns: [{ name: 'Name', isName: true }, { name: 'Value' }, { name: 'Global-Default' }, { name: 'Age' }, { name: 'PreemptionPolicy' }],
  row: (o, ctx) => {
    const pc = o as unknown as PriorityClassLike;
    return [o.metadata.name ?? '', pc.value ?? 0, pc.globalDefault ?? false, age(o.metadata.creationTimestamp, ctx), pc.preemptionPolicy ?? ''];
  },
});
