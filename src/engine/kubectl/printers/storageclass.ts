import { isDefaultClass, scOf } from '../../api/kinds/storageclass.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printStorageClass: `(default)` after the default class's name. */
registerTableHandler({
  kind: 'StorageClass',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    { name: 'Age' },
  ],
  row: (o, ctx) => {
    const sc = scOf(o);
    const name = (o.metadata.name ?? '') + (isDefaultClass(o) ? ' (default)' : '');
    return [name, sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', sc.allowVolumeExpansion ?? false, age(o.metadata.creationTimestamp, ctx)];
  },
});
