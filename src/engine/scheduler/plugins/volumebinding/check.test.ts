import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { makeNode } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { checkBindings, type PendingBindings } from './check.ts';

const node = makeNode('node-a').label('topology.kubernetes.io/zone', 'zone-a').obj();

function pvc(name: string, opts: { volumeName?: string; bound?: boolean; selectedNode?: string | null } = {}): KubeObject {
  const ann: Record<string, string> = {};
  if (opts.bound) ann['pv.kubernetes.io/bind-completed'] = 'yes';
  if (opts.selectedNode) ann['volume.kubernetes.io/selected-node'] = opts.selectedNode;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(opts.selectedNode === null ? {} : { annotations: ann }) },
    spec: { storageClassName: 'wait', ...(opts.volumeName ? { volumeName: opts.volumeName } : {}) },
  };
}

function pv(name: string, opts: { claim?: string; uid?: boolean; zone?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      ...(opts.claim ? { claimRef: { namespace: 'default', name: opts.claim, ...(opts.uid === false ? {} : { uid: `uid-${opts.claim}` }) } } : {}),
      ...(opts.zone ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [opts.zone] }] }] } } } : {}),
    },
  };
}

const bind: PendingBindings = { bindings: [{ pv: 'pv-a', claim: 'default/pvc-a' }], provisions: [] };
const provision: PendingBindings = { bindings: [], provisions: ['default/pvc-a'] };

// Follows upstream's TestCheckBindings and TestCheckBindingsWithProvisioning (volumebinding/binder_test.go).
describe('checkBindings', () => {
  const cases: Array<{ name: string; pending: PendingBindings; pvcs: KubeObject[]; pvs: KubeObject[]; node?: string; want: boolean | string }> = [
    { name: 'nothing to bind', pending: { bindings: [], provisions: [] }, pvcs: [], pvs: [], want: true },
    { name: 'binding-pv-not-in-cache', pending: bind, pvcs: [pvc('pvc-a')], pvs: [], want: 'failed to check binding: could not find v1.PersistentVolume "pv-a"' },
    { name: 'binding-claimref-nil', pending: bind, pvcs: [pvc('pvc-a')], pvs: [pv('pv-a')], want: 'ClaimRef got reset for pv "pv-a"' },
    { name: 'binding-claimref-uid-empty', pending: bind, pvcs: [pvc('pvc-a')], pvs: [pv('pv-a', { claim: 'pvc-a', uid: false })], want: 'ClaimRef got reset for pv "pv-a"' },
    { name: 'binding-one-bound,one-unbound (claim not bound yet)', pending: bind, pvcs: [pvc('pvc-a')], pvs: [pv('pv-a', { claim: 'pvc-a' })], want: false },
    { name: 'binding-pvc-not-fully-bound (no bind-completed)', pending: bind, pvcs: [pvc('pvc-a', { volumeName: 'pv-a' })], pvs: [pv('pv-a', { claim: 'pvc-a' })], want: false },
    { name: 'binding-all-bound', pending: bind, pvcs: [pvc('pvc-a', { volumeName: 'pv-a', bound: true })], pvs: [pv('pv-a', { claim: 'pvc-a' })], want: true },
    { name: 'binding-node-affinity-mismatch', pending: bind, pvcs: [pvc('pvc-a', { volumeName: 'pv-a', bound: true })], pvs: [pv('pv-a', { claim: 'pvc-a', zone: 'zone-b' })], want: `pv "pv-a" node affinity doesn't match node "node-a": no matching NodeSelectorTerms` },
    { name: 'provisioning-pvc-not-in-cache', pending: provision, pvcs: [], pvs: [], want: 'failed to check provisioning pvc: could not find v1.PersistentVolumeClaim "default/pvc-a"' },
    { name: 'provisioning-pvc-bound-no-pv', pending: provision, pvcs: [pvc('pvc-a', { volumeName: 'pv-a', bound: true, selectedNode: 'node-a' })], pvs: [], want: false },
    { name: 'provisioning-pvc-bound', pending: provision, pvcs: [pvc('pvc-a', { volumeName: 'pv-a', bound: true, selectedNode: 'node-a' })], pvs: [pv('pv-a', { claim: 'pvc-a' })], want: true },
    { name: 'provisioning-pvc-not-bound', pending: provision, pvcs: [pvc('pvc-a', { selectedNode: 'node-a' })], pvs: [], want: false },
    { name: 'provisioning-pvc-annotations-nil', pending: provision, pvcs: [pvc('pvc-a', { selectedNode: null })], pvs: [], want: 'selectedNode annotation reset for PVC "pvc-a"' },
    { name: 'provisioning-pvc-selected-node-dropped', pending: provision, pvcs: [pvc('pvc-a')], pvs: [], want: 'provisioning failed for PVC "pvc-a"' },
    { name: 'provisioning-pvc-selected-node-wrong-node', pending: provision, pvcs: [pvc('pvc-a', { selectedNode: 'node-b' })], pvs: [], want: 'provisioning failed for PVC "pvc-a"' },
    { name: 'provisioning-pv-node-affinity-mismatch', pending: provision, pvcs: [pvc('pvc-a', { volumeName: 'pv-a', bound: true, selectedNode: 'node-a' })], pvs: [pv('pv-a', { claim: 'pvc-a', zone: 'zone-b' })], want: `pv "pv-a" node affinity doesn't match node "node-a": no matching NodeSelectorTerms` },
    { name: 'node gone', pending: provision, pvcs: [], pvs: [], node: 'node-x', want: 'failed to get node "node-x": node "node-x" not found' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf([node], [], { persistentvolumeclaims: tc.pvcs, persistentvolumes: tc.pvs });
      expect(checkBindings(h, tc.pending, tc.node ?? 'node-a')).toEqual(tc.want);
    });
  }
});
