import { describe, expect, it } from 'vitest';
import { graphId, loadPrefs, refFromGraphId, savePrefs, type ObjRef } from './uiStore.ts';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('graph ids', () => {
  const cases: Array<{ name: string; ref: ObjRef; want: string }> = [
    { name: 'pod', ref: { kind: 'Pod', namespace: 'kube-system', name: 'coredns-1' }, want: 'pod:kube-system/coredns-1' },
    { name: 'pod without namespace', ref: { kind: 'Pod', name: 'web' }, want: 'pod:default/web' },
    { name: 'node', ref: { kind: 'Node', name: 'worker-1' }, want: 'node:worker-1' },
    { name: 'service', ref: { kind: 'Service', namespace: 'default', name: 'web' }, want: 'obj:Service:default/web' },
    { name: 'cluster-scoped object', ref: { kind: 'ClusterRole', name: 'admin' }, want: 'obj:ClusterRole:/admin' },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(graphId(c.ref)).toBe(c.want);
      expect(graphId(refFromGraphId(c.want))).toBe(c.want);
    });
  it('the unscheduled lane selects nothing', () => expect(refFromGraphId('lane:unscheduled')).toBeUndefined());
  it('the standalone-pods group and pod-count cards select nothing', () => {
    expect(refFromGraphId('obj:Standalone:/pods')).toBeUndefined();
    expect(refFromGraphId('obj:ReplicaSet:default/web-1/pods')).toBeUndefined();
  });
});

describe('prefs', () => {
  it('round-trip', () => {
    const s = memoryStorage();
    savePrefs(s, { theme: 'light', locale: 'zh-CN', dockTab: 'events', inspectorOpen: false });
    expect(loadPrefs(s)).toEqual({ theme: 'light', locale: 'zh-CN', dockTab: 'events', inspectorOpen: false });
  });
  it('ignores malformed values', () => {
    expect(loadPrefs(memoryStorage({ 'kubelab.prefs': '{"theme":"pink","locale":"fr","dockTab":1}' }))).toEqual({});
    expect(loadPrefs(memoryStorage({ 'kubelab.prefs': 'not json' }))).toEqual({});
    expect(loadPrefs(undefined)).toEqual({});
  });
});
