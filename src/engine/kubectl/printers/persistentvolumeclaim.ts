import { claimSpec, claimStatus } from '../../api/kinds/persistentvolumeclaim.ts';
import { accessModesAsString, claimClass } from '../../controllers/persistentvolume/helpers.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printPersistentVolumeClaim: capacity and access modes come from status once the claim names a volume. */
registerTableHandler({
  kind: 'PersistentVolumeClaim',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Age' },
    { name: 'VolumeMode', priority: 1 },
  ],
  row: (o, ctx) => {
    const spec = claimSpec(o);
    const st = claimStatus(o);
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : st.phase ?? '';
    const bound = !!spec.volumeName;
    return [
      o.metadata.name ?? '',
      phase,
      spec.volumeName ?? '',
      bound ? st.capacity?.storage ?? '0' : '',
      bound ? accessModesAsString(st.accessModes) : '',
      claimClass(o),
      spec.volumeAttributesClassName ?? '<unset>',
      age(o.metadata.creationTimestamp, ctx),
      spec.volumeMode ?? '<unset>',
    ];
  },
});
