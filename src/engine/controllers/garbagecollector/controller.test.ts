import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { createCluster } from '../../index.ts';

function setup() {
  const c = createCluster({ nodes: 0 });
  return { rt: c.runtime, api: c.runtime.api };
}

function cm(name: string, owners: Array<{ kind: string; name: string; uid: string; apiVersion?: string; blockOwnerDeletion?: boolean }> = [], finalizers?: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      ...(finalizers ? { finalizers } : {}),
      ...(owners.length ? { ownerReferences: owners.map((o) => ({ apiVersion: o.apiVersion ?? 'v1', kind: o.kind, name: o.name, uid: o.uid, ...(o.blockOwnerDeletion ? { blockOwnerDeletion: true } : {}) })) } : {}),
    },
  };
}

const owner = (o: KubeObject, extra: { blockOwnerDeletion?: boolean } = {}) => ({ kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, ...extra });

// Cases follow pkg/controller/garbagecollector/garbagecollector_test.go (TestDependentsRace, TestProcessEvent,
// TestAttemptToDeleteItem, TestOrphanDependentsFailure) and test/integration/garbagecollector cascading tests.
describe('garbage collector', () => {
  it.each([
    { name: 'owner exists: dependent kept', ownerGone: false, wrongUid: false, want: true },
    { name: 'owner deleted: dependent deleted (background)', ownerGone: true, wrongUid: false, want: false },
    { name: 'owner with the same name but another uid: dangling, deleted', ownerGone: false, wrongUid: true, want: false },
  ])('$name', ({ ownerGone, wrongUid, want }) => {
    const { rt, api } = setup();
    const o = api.create(cm('owner'));
    api.create(cm('dep', [{ ...owner(o), uid: wrongUid ? 'not-the-uid' : o.metadata.uid! }]));
    rt.settle();
    if (ownerGone) api.delete('configmaps', 'default', 'owner');
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'dep') !== undefined).toBe(want);
  });

  it('an object created after its owner is gone is collected (virtual owner)', () => {
    const { rt, api } = setup();
    api.create(cm('dep', [{ kind: 'ConfigMap', name: 'never', uid: 'u-never' }]));
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'dep')).toBeUndefined();
  });

  it('one solid owner keeps the object; the dangling reference is removed', () => {
    const { rt, api } = setup();
    const a = api.create(cm('a'));
    const b = api.create(cm('b'));
    api.create(cm('dep', [owner(a), owner(b)]));
    rt.settle();
    api.delete('configmaps', 'default', 'a');
    rt.settle();
    expect(api.get('configmaps', 'default', 'dep').metadata.ownerReferences?.map((r) => r.name)).toEqual(['b']);
  });

  it('unknown owner kinds are left alone', () => {
    const { rt, api } = setup();
    api.create(cm('dep', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'u1' }]));
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'dep')).toBeDefined();
  });

  it('orphan: dependents lose the reference and stay; the owner goes', () => {
    const { rt, api } = setup();
    const o = api.create(cm('owner'));
    api.create(cm('d1', [owner(o)]));
    api.create(cm('d2', [owner(o)]));
    rt.settle();
    api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Orphan' });
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'owner')).toBeUndefined();
    expect(api.get('configmaps', 'default', 'd1').metadata.ownerReferences).toBeUndefined();
    expect(api.get('configmaps', 'default', 'd2').metadata.ownerReferences).toBeUndefined();
  });

  it('foreground: the owner waits for blocking dependents, which wait for their own', () => {
    const { rt, api } = setup();
    const top = api.create(cm('top'));
    const mid = api.create(cm('mid', [owner(top, { blockOwnerDeletion: true })]));
    // A leaf that holds a finalizer: foreground deletion must wait until someone removes it.
    api.create(cm('leaf', [owner(mid, { blockOwnerDeletion: true })], ['example.com/hold']));
    rt.settle();
    api.delete('configmaps', 'default', 'top', { propagationPolicy: 'Foreground' });
    rt.settle();
    expect(api.get('configmaps', 'default', 'top').metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(api.get('configmaps', 'default', 'mid').metadata.deletionTimestamp).toBeDefined();
    expect(api.get('configmaps', 'default', 'leaf').metadata.deletionTimestamp).toBeDefined();
    api.modify('configmaps', 'default', 'leaf', (o) => {
      o.metadata.finalizers = [];
    });
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'leaf')).toBeUndefined();
    expect(api.tryGet('configmaps', 'default', 'mid')).toBeUndefined();
    expect(api.tryGet('configmaps', 'default', 'top')).toBeUndefined();
  });

  it('foreground without blocking dependents finishes at once and still deletes dependents', () => {
    const { rt, api } = setup();
    const o = api.create(cm('owner'));
    api.create(cm('dep', [owner(o)]));
    rt.settle();
    api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    rt.settle();
    expect(api.tryGet('configmaps', 'default', 'owner')).toBeUndefined();
    expect(api.tryGet('configmaps', 'default', 'dep')).toBeUndefined();
  });
});
