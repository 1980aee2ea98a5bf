import type { Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { ErrReasonDiskConflict, ErrReasonReadWriteOncePodConflict, volumeRestrictions } from './index.ts';

function podWith(name: string, node: string | undefined, volumes: Volume[]): KubeObject {
  const o = makePod(name).container().obj() as KubeObject & { spec: { volumes?: Volume[]; nodeName?: string } };
  o.metadata.uid = `uid-${name}`;
  o.spec.volumes = volumes;
  if (node) o.spec.nodeName = node;
  return o;
}
const gce = (pdName: string, readOnly = false): Volume => ({ name: 'v', gcePersistentDisk: { pdName, readOnly } });
const ebs = (volumeID: string): Volume => ({ name: 'v', awsElasticBlockStore: { volumeID } });
const rbd = (monitors: string[], image: string, readOnly = false): Volume => ({ name: 'v', rbd: { monitors, pool: 'foo', image, readOnly } });
const iscsi = (iqn: string, readOnly = false): Volume => ({ name: 'v', iscsi: { targetPortal: '127.0.0.1:3260', iqn, lun: 0, readOnly } });
const claim = (name: string): Volume => ({ name: 'v', persistentVolumeClaim: { claimName: name } });
const pvc = (name: string, mode: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: [mode] } });

// Follows upstream's TestGCEDiskConflicts, TestAWSDiskConflicts, TestRBDDiskConflicts, TestISCSIDiskConflicts
// and TestAccessModeConflicts (framework/plugins/volumerestrictions/volume_restrictions_test.go).
describe('VolumeRestrictions', () => {
  const cases: Array<{ name: string; pod: Volume[]; existing: Volume[][]; pvcs?: KubeObject[]; skip?: boolean; preFilter?: string; want?: string }> = [
    { name: 'nothing', pod: [], existing: [], skip: true },
    { name: 'one state', pod: [gce('foo')], existing: [[gce('foo')]], want: ErrReasonDiskConflict },
    { name: 'gce: different disk', pod: [gce('foo')], existing: [[gce('bar')]] },
    { name: 'gce: both read-only', pod: [gce('foo', true)], existing: [[gce('foo', true)]] },
    { name: 'gce: one writer', pod: [gce('foo', true)], existing: [[gce('foo')]], want: ErrReasonDiskConflict },
    { name: 'aws: same volume id', pod: [ebs('foo')], existing: [[ebs('foo')]], want: ErrReasonDiskConflict },
    { name: 'aws: different volume id', pod: [ebs('foo')], existing: [[ebs('bar')]] },
    { name: 'rbd: shared monitor, same image', pod: [rbd(['a', 'b'], 'foo')], existing: [[rbd(['b', 'c'], 'foo')]], want: ErrReasonDiskConflict },
    { name: 'rbd: no shared monitor', pod: [rbd(['a', 'b'], 'foo')], existing: [[rbd(['c', 'd'], 'foo')]] },
    { name: 'rbd: other image', pod: [rbd(['a'], 'foo')], existing: [[rbd(['a'], 'bar')]] },
    { name: 'rbd: both read-only', pod: [rbd(['a'], 'foo', true)], existing: [[rbd(['a'], 'foo', true)]] },
    { name: 'iscsi: same iqn', pod: [iscsi('iqn.2016-12.server:storage.target01')], existing: [[iscsi('iqn.2016-12.server:storage.target01')]], want: ErrReasonDiskConflict },
    { name: 'iscsi: other iqn', pod: [iscsi('iqn.2016-12.server:storage.target01')], existing: [[iscsi('iqn.2017-12.server:storage.target01')]] },
    { name: 'iscsi: both read-only', pod: [iscsi('iqn.2016-12.server:storage.target01', true)], existing: [[iscsi('iqn.2016-12.server:storage.target01', true)]] },
    { name: 'claim without ReadWriteOncePod', pod: [claim('claim-rwo')], existing: [[claim('claim-rwo')]], pvcs: [pvc('claim-rwo', 'ReadWriteOnce')], skip: true },
    { name: 'nothing running, ReadWriteOncePod claim', pod: [claim('claim-rwop')], existing: [], pvcs: [pvc('claim-rwop', 'ReadWriteOncePod')], skip: true },
    { name: 'failed to get PVC', pod: [claim('claim-missing')], existing: [], preFilter: 'persistentvolumeclaim "claim-missing" not found' },
    { name: 'ReadWriteOncePod claim in use', pod: [claim('claim-rwop')], existing: [[claim('claim-rwop')]], pvcs: [pvc('claim-rwop', 'ReadWriteOncePod')], want: ErrReasonReadWriteOncePodConflict },
    { name: 'ReadWriteOncePod claim, other claim in use', pod: [claim('claim-rwop')], existing: [[claim('other')]], pvcs: [pvc('claim-rwop', 'ReadWriteOncePod'), pvc('other', 'ReadWriteOncePod')], skip: true },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const existing = tc.existing.map((vs, k) => podWith(`e${k}`, 'n', vs));
      const h = handleOf([makeNode('n').obj()], existing, { persistentvolumeclaims: tc.pvcs ?? [] });
      const pl = volumeRestrictions(h);
      const state = new CycleState();
      const info = podInfo(podWith('p', undefined, tc.pod));
      const pre = pl.preFilter(state, info, h);
      if (tc.preFilter) {
        expect([pre?.status?.code, pre?.status?.message()]).toEqual(['UnschedulableAndUnresolvable', tc.preFilter]);
        return;
      }
      expect(pre?.status?.isSkip() ?? false).toBe(!!tc.skip);
      const s = pl.filter(state, info, h.nodes, 0);
      expect(s?.code).toBe(tc.want ? 'Unschedulable' : undefined);
      expect(s?.message()).toBe(tc.want);
    });
  }
});
