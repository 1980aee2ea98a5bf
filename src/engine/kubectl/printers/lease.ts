import type { Lease } from 'kubernetes-types/coordination/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'Lease',
  columns: [{ name: 'Name', isName: true }, { name: 'Holder' }, { name: 'Age' }],
  row: (o, ctx) => {
    const l = o as unknown as Lease;
    return [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l.metadata?.creationTimestamp, ctx)];
  },
});
