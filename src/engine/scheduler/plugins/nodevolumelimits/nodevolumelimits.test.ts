import type { Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { csiAttachLimitKey, sha1Hex } from './attachkey.ts';
import { ErrReasonMaxVolumeCountExceeded, nodeVolumeLimits } from './index.ts';

const EBS = 'ebs.csi.aws.com';
const GCE = 'pd.csi.storage.gke.io';

const pv = (name: string, driver: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { csi: { driver, volumeHandle: name } } });
const pvc = (name: string, opts: { volumeName?: string; cls?: string; ownerPod?: string } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', ...(opts.ownerPod ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: opts.ownerPod, uid: 'x', controller: true }] } : {}) },
  spec: { ...(opts.volumeName ? { volumeName: opts.volumeName } : {}), ...(opts.cls ? { storageClassName: opts.cls } : {}) },
});
const sc = (name: string, provisioner: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner }) as KubeObject;
const csiNode = (drivers: Array<[string, number | undefined]>): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSINode',
  metadata: { name: 'node-1' },
  spec: { drivers: drivers.map(([name, count]) => ({ name, nodeID: 'node-1', ...(count === undefined ? {} : { allocatable: { count } }) })) },
});

const claim = (c: string): Volume => ({ name: c, persistentVolumeClaim: { claimName: c } });
function podWith(name: string, volumes: Volume[], node?: string): KubeObject {
  const o = makePod(name).container().obj() as KubeObject & { spec: { volumes?: Volume[]; nodeName?: string } };
  o.spec.volumes = volumes;
  if (node) o.spec.nodeName = node;
  return o;
}

const pvs = [pv('ebs-1', EBS), pv('ebs-2', EBS), pv('ebs-3', EBS), pv('gce-1', GCE), { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'host' }, spec: { hostPath: { path: '/x' } } } as KubeObject];
const pvcs = [
  pvc('csi-ebs-1', { volumeName: 'ebs-1' }),
  pvc('csi-ebs-2', { volumeName: 'ebs-2' }),
  pvc('csi-ebs-3', { volumeName: 'ebs-3' }),
  pvc('csi-gce-1', { volumeName: 'gce-1' }),
  pvc('unbound-ebs', { cls: 'ebs-sc' }),
  pvc('unbound-no-class'),
  pvc('host-claim', { volumeName: 'host' }),
  pvc('pod-eph', { cls: 'ebs-sc', ownerPod: 'pod' }),
];

// Follows upstream's TestCSILimits (framework/plugins/nodevolumelimits/csi_test.go): limits from the CSINode's
// allocatable count, volumes shared with pods on the node counted once, unbound claims counted through their
// class's provisioner, non-CSI volumes not counted.
describe('NodeVolumeLimits', () => {
  const cases: Array<{ name: string; pod: Volume[]; existing: Volume[][]; limits?: Array<[string, number | undefined]>; skip?: boolean; want?: string; code?: string }> = [
    { name: 'pod without volumes', pod: [], existing: [], skip: true },
    { name: 'only an emptyDir', pod: [{ name: 'e', emptyDir: {} }], existing: [], skip: true },
    { name: 'fits attachable', pod: [claim('csi-ebs-1')], existing: [[claim('csi-ebs-2')]], limits: [[EBS, 4]] },
    { name: 'doesn\'t when node volume limit <= pods CSI volume', pod: [claim('csi-ebs-1')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]], limits: [[EBS, 2]], want: ErrReasonMaxVolumeCountExceeded },
    { name: 'should count pending PVCs (through the class)', pod: [claim('unbound-ebs')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]], limits: [[EBS, 2]], want: ErrReasonMaxVolumeCountExceeded },
    { name: 'a volume already attached counts once', pod: [claim('csi-ebs-2')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]], limits: [[EBS, 2]] },
    { name: 'limits are per driver', pod: [claim('csi-gce-1')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]], limits: [[EBS, 2], [GCE, 1]] },
    { name: 'driver without a count is not limited', pod: [claim('csi-ebs-1')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]], limits: [[EBS, undefined]] },
    { name: 'no CSINode: no limits', pod: [claim('csi-ebs-1')], existing: [[claim('csi-ebs-2')], [claim('csi-ebs-3')]] },
    { name: 'unbound claim without class is not counted', pod: [claim('unbound-no-class')], existing: [[claim('csi-ebs-2')]], limits: [[EBS, 1]] },
    { name: 'non-CSI volume is not counted', pod: [claim('host-claim')], existing: [[claim('csi-ebs-2')]], limits: [[EBS, 1]] },
    { name: 'missing claim', pod: [claim('nope')], existing: [], limits: [[EBS, 1]], want: 'looking up PVC default/nope: persistentvolumeclaim "nope" not found', code: 'UnschedulableAndUnresolvable' },
    { name: 'ephemeral volume counted through its claim', pod: [{ name: 'eph', ephemeral: { volumeClaimTemplate: { spec: {} } } }], existing: [[claim('csi-ebs-2')]], limits: [[EBS, 1]], want: ErrReasonMaxVolumeCountExceeded },
    { name: 'ephemeral volume whose claim is not created yet', pod: [{ name: 'x', ephemeral: { volumeClaimTemplate: { spec: {} } } }], existing: [], limits: [[EBS, 1]], want: 'looking up PVC default/pod-x: persistentvolumeclaim "pod-x" not found', code: 'UnschedulableAndUnresolvable' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node = makeNode('node-1').obj();
      const existing = tc.existing.map((vs, k) => podWith(`e${k}`, vs, 'node-1'));
      const h = handleOf([node], existing, { persistentvolumes: pvs, persistentvolumeclaims: pvcs, storageclasses: [sc('ebs-sc', EBS)], csinodes: tc.limits ? [csiNode(tc.limits)] : [] });
      const pl = nodeVolumeLimits(h);
      const state = new CycleState();
      const info = podInfo(podWith('pod', tc.pod));
      const pre = pl.preFilter(state, info, h);
      if (tc.skip) {
        expect(pre?.status?.isSkip()).toBe(true);
        return;
      }
      expect(pre?.status).toBeUndefined();
      const s = pl.filter(state, info, h.nodes, 0);
      expect(s?.message()).toBe(tc.want);
      if (s) expect(s.code).toBe(tc.code ?? 'Unschedulable');
    });
  }

  it('limit keys follow GetCSIAttachLimitKey', () => {
    expect(csiAttachLimitKey(EBS)).toBe('attachable-volumes-csi-ebs.csi.aws.com');
    const long = 'a-very-long-csi-driver-name.storage.example.com';
    expect(csiAttachLimitKey(long)).toBe(`csi-${long.slice(0, 23)}86bf5f46bc6f1680`);
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});
