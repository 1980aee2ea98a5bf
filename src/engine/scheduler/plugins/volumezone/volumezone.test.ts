import type { Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { ErrReasonConflict, labelZonesToSet, volumeZone } from './index.ts';

const Z = 'topology.kubernetes.io/zone';
const R = 'topology.kubernetes.io/region';
const BZ = 'failure-domain.beta.kubernetes.io/zone';
const BR = 'failure-domain.beta.kubernetes.io/region';

const pv = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, labels }, spec: {} });
const pvc = (name: string, volumeName?: string, cls?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { ...(volumeName ? { volumeName } : {}), ...(cls ? { storageClassName: cls } : {}) },
});
const sc = (name: string, mode?: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'p', ...(mode ? { volumeBindingMode: mode } : {}) }) as KubeObject;

const pvs = [
  pv('Vol_1', { [BZ]: 'us-west1-a' }),
  pv('Vol_2', { [BR]: 'us-west1-b', uselessLabel: 'none' }),
  pv('Vol_3', { [BR]: 'us-west1-c' }),
  pv('Vol_Stable_1', { [Z]: 'us-west1-a' }),
  pv('Vol_Stable_2', { [R]: 'us-west1-b', uselessLabel: 'none' }),
  pv('Vol_Multi', { [BZ]: 'us-west1-a__us-west1-b' }),
];
const pvcs = [
  pvc('PVC_1', 'Vol_1'),
  pvc('PVC_2', 'Vol_2'),
  pvc('PVC_3', 'Vol_3'),
  pvc('PVC_Stable_1', 'Vol_Stable_1'),
  pvc('PVC_Stable_2', 'Vol_Stable_2'),
  pvc('PVC_Multi', 'Vol_Multi'),
  pvc('PVC_NoPV'),
  pvc('PVC_Wait', undefined, 'wait'),
  pvc('PVC_Immediate', undefined, 'immediate'),
  pvc('PVC_NoMode', undefined, 'nomode'),
];
const classes = [sc('wait', 'WaitForFirstConsumer'), sc('immediate', 'Immediate'), sc('nomode')];

function podWith(...claims: string[]): KubeObject {
  const o = makePod('pod').container().obj() as KubeObject & { spec: { volumes?: Volume[] } };
  o.spec.volumes = claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
  return o;
}

// Follows upstream's TestSingleZone, TestMultiZone, TestWithBinding and TestVolumeZoneFilterWithPV
// (framework/plugins/volumezone/volume_zone_test.go).
describe('VolumeZone', () => {
  const cases: Array<{ name: string; pod: KubeObject; node: Record<string, string>; preFilter?: string; skip?: boolean; want?: string }> = [
    { name: 'pod without volume', pod: makePod('pod').container().obj(), node: { [BZ]: 'us-west1-a' }, skip: true },
    { name: 'node without labels', pod: podWith('PVC_1'), node: {} },
    { name: 'beta zone label matched', pod: podWith('PVC_1'), node: { [BZ]: 'us-west1-a', uselessLabel: 'none' } },
    { name: 'beta region label matched', pod: podWith('PVC_2'), node: { [BR]: 'us-west1-b', uselessLabel: 'none' } },
    { name: 'beta region label doesn\'t match', pod: podWith('PVC_2'), node: { [BR]: 'no_us-west1-b' }, want: ErrReasonConflict },
    { name: 'beta zone label doesn\'t match', pod: podWith('PVC_1'), node: { [BZ]: 'no_us-west1-a' }, want: ErrReasonConflict },
    { name: 'zone label matched', pod: podWith('PVC_Stable_1'), node: { [Z]: 'us-west1-a' } },
    { name: 'region label matched', pod: podWith('PVC_Stable_2'), node: { [R]: 'us-west1-b' } },
    { name: 'region label doesn\'t match', pod: podWith('PVC_Stable_2'), node: { [R]: 'no_us-west1-b' }, want: ErrReasonConflict },
    { name: 'pv with beta label, node with ga label, matched', pod: podWith('PVC_1'), node: { [Z]: 'us-west1-a' } },
    { name: 'pv with beta label, node with ga label, don\'t match', pod: podWith('PVC_1'), node: { [Z]: 'us-west1-b' }, want: ErrReasonConflict },
    { name: 'node lacks the volume\'s key', pod: podWith('PVC_Stable_1'), node: { [R]: 'us-west1-b' }, want: ErrReasonConflict },
    { name: 'multi-zone volume, node in the second zone', pod: podWith('PVC_Multi'), node: { [BZ]: 'us-west1-b' } },
    { name: 'two volumes, node matches both', pod: podWith('PVC_1', 'PVC_3'), node: { [BZ]: 'us-west1-a', [BR]: 'us-west1-c' } },
    { name: 'two volumes, node matches one', pod: podWith('PVC_1', 'PVC_3'), node: { [BZ]: 'us-west1-a', [BR]: 'us-west1-b' }, want: ErrReasonConflict },
    { name: 'claim not found', pod: podWith('PVC_Missing'), node: {}, preFilter: 'persistentvolumeclaim "PVC_Missing" not found' },
    { name: 'claim without volume or class', pod: podWith('PVC_NoPV'), node: {}, preFilter: 'PersistentVolumeClaim had no pv name and storageClass name' },
    { name: 'unbound WaitForFirstConsumer claim is skipped', pod: podWith('PVC_Wait'), node: { [BZ]: 'us-west1-a' }, skip: true },
    { name: 'unbound Immediate claim', pod: podWith('PVC_Immediate'), node: {}, preFilter: 'PersistentVolume had no name' },
    { name: 'class without a binding mode', pod: podWith('PVC_NoMode'), node: {}, preFilter: 'VolumeBindingMode not set for StorageClass "nomode"' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node = makeNode('host1').obj();
      node.metadata.labels = { ...tc.node, 'kubernetes.io/hostname': 'host1' };
      const h = handleOf([node], [], { persistentvolumes: pvs, persistentvolumeclaims: pvcs, storageclasses: classes });
      const pl = volumeZone(h);
      const state = new CycleState();
      const info = podInfo(tc.pod);
      const pre = pl.preFilter(state, info, h);
      if (tc.preFilter) {
        expect([pre?.status?.code, pre?.status?.message()]).toEqual(['UnschedulableAndUnresolvable', tc.preFilter]);
        return;
      }
      if (tc.skip) {
        expect(pre?.status?.isSkip()).toBe(true);
        return;
      }
      expect(pre?.status).toBeUndefined();
      const s = pl.filter(state, info, h.nodes, 0);
      expect(s?.message()).toBe(tc.want);
      if (s) expect(s.code).toBe('UnschedulableAndUnresolvable');
    });
  }

  it('splits multi-zone labels on "__"', () => {
    expect([...labelZonesToSet('us-west1-a__us-west1-b')!]).toEqual(['us-west1-a', 'us-west1-b']);
    expect(labelZonesToSet('a____b')).toBeUndefined();
  });
});
