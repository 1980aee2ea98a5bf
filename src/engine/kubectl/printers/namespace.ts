import type { Namespace } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

registerTableHandler({
  kind: 'Namespace',
  columns: [{ name: 'Name', isName: true }, { name: 'Status' }, { name: 'Age' }],
  row: (o, ctx) => {
    const ns = o as unknown as Namespace;
    return [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, ctx)];
  },
});
