import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist } from './binder.ts';
import { ErrUnboundImmediate, volumeBinding } from './index.ts';

const hostAffinity = (...hosts: string[]) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: hosts }] }] } });

function sc(name: string, mode: 'Immediate' | 'WaitForFirstConsumer', provisioner = 'disk.csi.kubelab.io', allowedTopologies?: unknown[]): KubeObject {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode, ...(allowedTopologies ? { allowedTopologies } : {}) } as KubeObject;
}
function pvc(name: string, cls: string, opts: { volumeName?: string; selectedNode?: string; size?: string; phase?: string } = {}): KubeObject {
  const ann: Record<string, string> = {};
  if (opts.volumeName) ann['pv.kubernetes.io/bind-completed'] = 'yes';
  if (opts.selectedNode) ann['volume.kubernetes.io/selected-node'] = opts.selectedNode;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations: ann },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: cls, resources: { requests: { storage: opts.size ?? '1Gi' } }, ...(opts.volumeName ? { volumeName: opts.volumeName } : {}) },
    status: { phase: opts.phase ?? (opts.volumeName ? 'Bound' : 'Pending') },
  };
}
function pv(name: string, cls: string, opts: { hosts?: string[]; claim?: string; size?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: opts.size ?? '1Gi' },
      storageClassName: cls,
      ...(opts.hosts ? { nodeAffinity: hostAffinity(...opts.hosts) } : {}),
      ...(opts.claim ? { claimRef: { namespace: 'default', name: opts.claim, uid: `uid-${opts.claim}` } } : {}),
    },
    status: { phase: opts.claim ? 'Bound' : 'Available' },
  };
}
function podWith(...claims: string[]): KubeObject {
  const o = makePod('pod-a').container().obj() as KubeObject & { spec: { volumes?: unknown[] } };
  o.spec.volumes = claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
  return o;
}

const classes = [sc('immediate-sc', 'Immediate'), sc('wait-sc', 'WaitForFirstConsumer'), sc('local-sc', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner'), sc('zonal-sc', 'WaitForFirstConsumer', 'disk.csi.kubelab.io', [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['zone-a'] }] }])];
const nodes = [makeNode('node-a').label('topology.kubernetes.io/zone', 'zone-a').obj(), makeNode('node-b').label('topology.kubernetes.io/zone', 'zone-b').obj()];

// Follows upstream's TestVolumeBinding (framework/plugins/volumebinding/volume_binding_test.go) and the
// FindPodVolumes cases of binder_test.go.
describe('VolumeBinding', () => {
  const cases: Array<{
    name: string;
    pod: KubeObject;
    pvcs?: KubeObject[];
    pvs?: KubeObject[];
    preFilter?: { code: string; reason: string };
    skip?: boolean;
    nodeNames?: string[];
    /** Filter verdict per node (node-a, node-b): '' passes. */
    filter?: [string, string];
  }> = [
    { name: 'pod has no pvcs', pod: makePod('pod-a').container().obj(), skip: true },
    { name: 'all bound', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', '', { volumeName: 'pv-a' })], pvs: [pv('pv-a', '', { claim: 'pvc-a' })], filter: ['', ''] },
    { name: 'all bound with local volumes', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'local-sc', { volumeName: 'pv-a' })], pvs: [pv('pv-a', 'local-sc', { claim: 'pvc-a', hosts: ['node-a'] })], nodeNames: ['node-a'], filter: ['', ErrReasonNodeConflict] },
    { name: 'PVC does not exist', pod: podWith('pvc-a'), preFilter: { code: 'UnschedulableAndUnresolvable', reason: 'persistentvolumeclaim "pvc-a" not found' } },
    { name: 'Part of PVCs do not exist', pod: podWith('pvc-a', 'pvc-b'), pvcs: [pvc('pvc-a', '', { volumeName: 'pv-a' })], preFilter: { code: 'UnschedulableAndUnresolvable', reason: 'persistentvolumeclaim "pvc-b" not found' } },
    { name: 'immediate claims not bound', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'immediate-sc')], preFilter: { code: 'UnschedulableAndUnresolvable', reason: ErrUnboundImmediate } },
    { name: 'claim of a missing class counts as immediate', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'no-such-class')], preFilter: { code: 'UnschedulableAndUnresolvable', reason: ErrUnboundImmediate } },
    { name: 'claim Lost', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', '', { volumeName: 'pv-a', phase: 'Lost' })], preFilter: { code: 'UnschedulableAndUnresolvable', reason: 'persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"' } },
    { name: 'unbound claims no matches', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'local-sc')], filter: [ErrReasonBindConflict, ErrReasonBindConflict] },
    { name: 'unbound claim matches a local volume on one node', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'local-sc')], pvs: [pv('pv-a', 'local-sc', { hosts: ['node-b'] })], filter: [ErrReasonBindConflict, ''] },
    { name: 'a volume too small does not match', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'local-sc', { size: '5Gi' })], pvs: [pv('pv-a', 'local-sc', { hosts: ['node-a'] })], filter: [ErrReasonBindConflict, ErrReasonBindConflict] },
    { name: 'two claims do not share one volume', pod: podWith('pvc-a', 'pvc-b'), pvcs: [pvc('pvc-a', 'local-sc'), pvc('pvc-b', 'local-sc')], pvs: [pv('pv-a', 'local-sc', { hosts: ['node-a'] })], filter: [ErrReasonBindConflict, ErrReasonBindConflict] },
    {
      name: 'bound volume fits both nodes, the unbound claim only node-a',
      pod: podWith('pvc-a', 'pvc-b'),
      pvcs: [pvc('pvc-a', 'local-sc', { volumeName: 'pv-a' }), pvc('pvc-b', 'local-sc')],
      pvs: [pv('pv-a', 'local-sc', { claim: 'pvc-a', hosts: ['node-a', 'node-b'] }), pv('pv-b', 'local-sc', { hosts: ['node-a'] })],
      nodeNames: ['node-a', 'node-b'],
      filter: ['', ErrReasonBindConflict],
    },
    { name: 'bound volume of another node and no volume to bind', pod: podWith('pvc-a', 'pvc-b'), pvcs: [pvc('pvc-a', '', { volumeName: 'pv-a' }), pvc('pvc-b', 'local-sc')], pvs: [pv('pv-a', '', { claim: 'pvc-a', hosts: ['node-x'] })], nodeNames: ['node-x'], filter: [`${ErrReasonNodeConflict}, ${ErrReasonBindConflict}`, `${ErrReasonNodeConflict}, ${ErrReasonBindConflict}`] },
    { name: 'pv not found', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', '', { volumeName: 'pv-a' })], filter: [ErrReasonPVNotExist, ErrReasonPVNotExist] },
    { name: 'provisionable class', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'wait-sc')], filter: ['', ''] },
    { name: 'provisionable only in the allowed topology', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'zonal-sc')], filter: ['', ErrReasonBindConflict] },
    { name: 'selected node set: only that node', pod: podWith('pvc-a'), pvcs: [pvc('pvc-a', 'wait-sc', { selectedNode: 'node-b' })], filter: [ErrReasonBindConflict, ''] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf(nodes, [], { storageclasses: classes, persistentvolumeclaims: tc.pvcs ?? [], persistentvolumes: tc.pvs ?? [] });
      const pl = volumeBinding(h);
      const state = new CycleState();
      const info = podInfo(tc.pod);
      const pre = pl.preFilter(state, info, h);
      if (tc.skip) {
        expect(pre?.status?.isSkip()).toBe(true);
        expect(pl.filter(state, info, h.nodes, 0)).toBeUndefined();
        return;
      }
      if (tc.preFilter) {
        expect([pre?.status?.code, pre?.status?.message()]).toEqual([tc.preFilter.code, tc.preFilter.reason]);
        return;
      }
      expect(pre?.status).toBeUndefined();
      expect(pre?.result?.nodeNames ? [...pre.result.nodeNames].sort() : undefined).toEqual(tc.nodeNames);
      const got = [0, 1].map((i) => {
        const s = pl.filter(state, info, h.nodes, i);
        if (s) expect(s.code).toBe('UnschedulableAndUnresolvable');
        return s?.message() ?? '';
      });
      expect(got).toEqual(tc.filter);
      expect(pl.preScore(state, info, h.nodes, new Int32Array(2), 2)?.isSkip()).toBe(true);
    });
  }
});

// Follows upstream's TestAssumePodVolumes / TestBindAPIUpdate (binder_test.go): Reserve assumes, PreBind writes.
describe('VolumeBinding Reserve and PreBind', () => {
  function run(pvcs: KubeObject[], pvs: KubeObject[], node: string) {
    const writes: string[] = [];
    const h = handleOf(nodes, [], { storageclasses: classes, persistentvolumeclaims: pvcs, persistentvolumes: pvs });
    (h as { api: unknown }).api = {
      modify(resource: string, ns: string | undefined, name: string, fn: (o: KubeObject) => void) {
        const o = JSON.parse(JSON.stringify(h.store.get(resource, ns, name))) as KubeObject;
        fn(o);
        // Written through: the plugin's later checks read the store.
        const list = resource === 'persistentvolumes' ? pvs : pvcs;
        list[list.findIndex((x) => x.metadata.name === name)] = o;
        writes.push(`${resource}/${name} ${JSON.stringify(resource === 'persistentvolumes' ? (o.spec as { claimRef?: unknown }).claimRef : o.metadata.annotations)}`);
        return o;
      },
    };
    return { h, pl: volumeBinding(h), writes, node };
  }
  it('binds a matched volume to the claim', () => {
    const { pl, writes } = run([pvc('pvc-a', 'local-sc')], [pv('pv-a', 'local-sc', { hosts: ['node-a'] })], 'node-a');
    const info = podInfo(podWith('pvc-a'));
    expect(pl.reserve(new CycleState(), info, 'node-a')).toBeUndefined();
    // BindPodVolumes then waits for the PV controller to complete the binding.
    expect(pl.preBind(new CycleState(), info, 'node-a')?.code).toBe('Wait');
    expect(writes).toEqual(['persistentvolumes/pv-a {"kind":"PersistentVolumeClaim","namespace":"default","name":"pvc-a","uid":"uid-pvc-a","apiVersion":"v1"}']);
  });
  it('sets the selected node on a claim to provision', () => {
    const { pl, writes } = run([pvc('pvc-a', 'wait-sc')], [], 'node-b');
    const info = podInfo(podWith('pvc-a'));
    expect(pl.reserve(new CycleState(), info, 'node-b')).toBeUndefined();
    expect(pl.preBind(new CycleState(), info, 'node-b')?.code).toBe('Wait');
    expect(writes).toEqual(['persistentvolumeclaims/pvc-a {"volume.kubernetes.io/selected-node":"node-b"}']);
    // The claim is still unbound in the store: keep polling; past bindTimeoutSeconds the binding fails.
    expect(pl.preBindCheck!(new CycleState(), info, 'node-b', 1_000)?.code).toBe('Wait');
    expect(pl.preBindCheck!(new CycleState(), info, 'node-b', 600_000)?.message()).toBe('binding volumes: context deadline exceeded');
  });
  it('an assumed volume is not offered to another pod until Unreserve', () => {
    const { h, pl } = run([pvc('pvc-a', 'local-sc'), pvc('pvc-b', 'local-sc')], [pv('pv-a', 'local-sc', { hosts: ['node-a'] })], 'node-a');
    const a = podInfo(podWith('pvc-a'));
    const bObj = podWith('pvc-b');
    bObj.metadata.name = 'pod-b';
    bObj.metadata.uid = 'uid-pod-b';
    const b = podInfo(bObj);
    expect(pl.reserve(new CycleState(), a, 'node-a')).toBeUndefined();
    const state = new CycleState();
    pl.preFilter(state, b, h);
    expect(pl.filter(state, b, h.nodes, 0)?.message()).toBe(ErrReasonBindConflict);
    pl.unreserve(new CycleState(), a, 'node-a');
    expect(pl.filter(state, b, h.nodes, 0)).toBeUndefined();
  });
  it('nothing to do for a pod whose claims are bound', () => {
    const { pl, writes } = run([pvc('pvc-a', '', { volumeName: 'pv-a' })], [pv('pv-a', '', { claim: 'pvc-a' })], 'node-a');
    const info = podInfo(podWith('pvc-a'));
    expect(pl.reserve(new CycleState(), info, 'node-a')).toBeUndefined();
    expect(pl.preBind(new CycleState(), info, 'node-a')).toBeUndefined();
    expect(writes).toEqual([]);
  });
});
