import type { ConfigMap } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'ConfigMap',
  columns: [{ name: 'Name', isName: true }, { name: 'Data' }, { name: 'Age' }],
  row: (o, ctx) => {
    const cm = o as unknown as ConfigMap;
    const n = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [cm.metadata?.name ?? '', n, age(cm.metadata?.creationTimestamp, ctx)];
  },
});
