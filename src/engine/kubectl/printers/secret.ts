import type { Secret } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'Secret',
  columns: [{ name: 'Name', isName: true }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  row: (o, ctx) => {
    const s = o as unknown as Secret;
    return [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata?.creationTimestamp, ctx)];
  },
});
