import { csiDriverSpec } from '../../api/kinds/csidriver.ts';
import type { CSINodeSpec } from '../../api/kinds/csinode.ts';
import { vaSpec, vaStatus } from '../../api/kinds/volumeattachment.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printCSIDriver. */
registerTableHandler({
  kind: 'CSIDriver',
  columns: [
    { name: 'Name', isName: true },
    { name: 'AttachRequired' },
    { name: 'PodInfoOnMount' },
    { name: 'StorageCapacity' },
    { name: 'TokenRequests' },
    { name: 'RequiresRepublish' },
    { name: 'Modes' },
    { name: 'Age' },
  ],
  row: (o, ctx) => {
    const s = csiDriverSpec(o);
    const tokens = (s.tokenRequests ?? []).map((t) => t.audience).join(',') || '<unset>';
    const modes = (s.volumeLifecycleModes ?? []).join(',') || '<none>';
    return [o.metadata.name ?? '', s.attachRequired ?? true, s.podInfoOnMount ?? false, s.storageCapacity ?? false, tokens, s.requiresRepublish ?? false, modes, age(o.metadata.creationTimestamp, ctx)];
  },
});

/** printCSINode: the number of drivers. */
registerTableHandler({
  kind: 'CSINode',
  columns: [{ name: 'Name', isName: true }, { name: 'Drivers' }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name ?? '', ((o.spec as CSINodeSpec | undefined)?.drivers ?? []).length, age(o.metadata.creationTimestamp, ctx)],
});

/** printVolumeAttachment. */
registerTableHandler({
  kind: 'VolumeAttachment',
  columns: [{ name: 'Name', isName: true }, { name: 'Attacher' }, { name: 'PV' }, { name: 'Node' }, { name: 'Attached' }, { name: 'Age' }],
  row: (o, ctx) => {
    const s = vaSpec(o);
    return [o.metadata.name ?? '', s.attacher ?? '', s.source?.persistentVolumeName ?? '', s.nodeName ?? '', vaStatus(o).attached ?? false, age(o.metadata.creationTimestamp, ctx)];
  },
});
