import type { ServiceAccount } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'ServiceAccount',
  columns: [{ name: 'Name', isName: true }, { name: 'Secrets' }, { name: 'Age' }],
  row: (o, ctx) => {
    const sa = o as unknown as ServiceAccount;
    return [sa.metadata?.name ?? '', (sa.secrets ?? []).length, age(sa.metadata?.creationTimestamp, ctx)];
  },
});
