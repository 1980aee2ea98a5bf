import { pvSpec, pvStatus } from '../../api/kinds/persistentvolume.ts';
import { accessModesAsString, volumeClass } from '../../controllers/persistentvolume/helpers.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printPersistentVolume. */
registerTableHandler({
  kind: 'PersistentVolume',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    { name: 'Age' },
    { name: 'VolumeMode', priority: 1 },
  ],
  row: (o, ctx) => {
    const spec = pvSpec(o);
    const ref = spec.claimRef;
    const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : pvStatus(o).phase ?? '';
    return [
      o.metadata.name ?? '',
      spec.capacity?.storage ?? '0',
      accessModesAsString(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      volumeClass(o),
      spec.volumeAttributesClassName ?? '<unset>',
      pvStatus(o).reason ?? '',
      age(o.metadata.creationTimestamp, ctx),
      spec.volumeMode ?? '<unset>',
    ];
  },
});
