import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { findMatchingVolume, volumeSatisfyClaimError } from './binder.ts';
import { accessModesAsString } from './helpers.ts';

// Cases after pkg/controller/volume/persistentvolume/index_test.go (TestMatchVolume, TestFindingPreboundVolumes,
// TestMatchingWithBoundVolumes) and binder_test/pv_controller_test's checkVolumeSatisfyClaim cases.

function pv(name: string, size: string, opts: { modes?: string[]; cls?: string; labels?: Record<string, string>; claimRef?: Record<string, string>; mode?: string; deleting?: boolean; zone?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: opts.labels, ...(opts.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: {
      capacity: { storage: size },
      accessModes: opts.modes ?? ['ReadWriteOnce'],
      storageClassName: opts.cls ?? '',
      volumeMode: opts.mode ?? 'Filesystem',
      claimRef: opts.claimRef,
      hostPath: { path: `/mnt/${name}` },
      ...(opts.zone ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [opts.zone] }] }] } } } : {}),
    },
  };
}

function claim(size: string, opts: { modes?: string[]; cls?: string; selector?: Record<string, string>; mode?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'claim01', namespace: 'myns', uid: 'uid-claim01' },
    spec: {
      accessModes: opts.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      storageClassName: opts.cls ?? '',
      volumeMode: opts.mode ?? 'Filesystem',
      ...(opts.selector ? { selector: { matchLabels: opts.selector } } : {}),
    },
  };
}

const volumes = [
  pv('gce-pd-1', '1G'),
  pv('gce-pd-5', '5G'),
  pv('gce-pd-10', '10G', { labels: { 'should-exist': 'true' } }),
  pv('gce-pd-20', '20G', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] }),
  pv('nfs-5', '5G', { modes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'] }),
  pv('gold-10', '10G', { cls: 'gold' }),
  pv('block-5', '5G', { mode: 'Block' }),
  pv('bound-3', '3G', { claimRef: { name: 'other', namespace: 'myns', uid: 'uid-other' } }),
  pv('going-2', '2G', { deleting: true }),
];

describe('findMatchingVolume (index_test.go TestMatchVolume)', () => {
  const cases: Array<{ name: string; claim: KubeObject; delay?: boolean; want: string | undefined }> = [
    { name: 'successful-match-gce-10: the smallest volume big enough', claim: claim('8G'), want: 'gce-pd-10' },
    { name: 'successful-match-with-class', claim: claim('1G', { cls: 'gold' }), want: 'gold-10' },
    { name: 'successful-no-match-due-to-class', claim: claim('1G', { cls: 'silver' }), want: undefined },
    { name: 'successful-no-match-due-to-size', claim: claim('999G'), want: undefined },
    { name: 'successful-match-due-to-label', claim: claim('1G', { selector: { 'should-exist': 'true' } }), want: 'gce-pd-10' },
    { name: 'successful-no-match-due-to-label', claim: claim('1G', { selector: { 'should-exist': 'false' } }), want: undefined },
    { name: 'access modes: RWX is only offered by nfs-5', claim: claim('1G', { modes: ['ReadWriteMany'] }), want: 'nfs-5' },
    { name: 'access modes: ROX picks the smallest volume offering it', claim: claim('1G', { modes: ['ReadOnlyMany'] }), want: 'nfs-5' },
    { name: 'volume mode Block only matches block volumes', claim: claim('1G', { mode: 'Block' }), want: 'block-5' },
    { name: 'a volume bound to another claim is skipped; a deleting one too', claim: claim('1500M'), want: 'gce-pd-5' },
    { name: 'delayBinding without a node: only pre-bound volumes', claim: claim('1G'), delay: true, want: undefined },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(findMatchingVolume(tc.claim, volumes, undefined, !!tc.delay)?.metadata.name).toBe(tc.want);
    });
  }

  it('TestFindingPreboundVolumes: a volume pre-bound to the claim wins even when larger', () => {
    const c = claim('1G');
    const pre = pv('pre-bound', '50G', { claimRef: { name: 'claim01', namespace: 'myns' } });
    expect(findMatchingVolume(c, [...volumes, pre], undefined, false)?.metadata.name).toBe('pre-bound');
    expect(findMatchingVolume(c, [...volumes, pre], undefined, true)?.metadata.name).toBe('pre-bound');
  });

  it('with a node (the scheduler path): node affinity must match', () => {
    const vols = [pv('zone-a', '1G', { zone: 'a' }), pv('zone-b', '2G', { zone: 'b' })];
    expect(findMatchingVolume(claim('1G'), vols, { name: 'n1', labels: { zone: 'b' } }, true)?.metadata.name).toBe('zone-b');
    expect(findMatchingVolume(claim('1G'), vols, { name: 'n1', labels: { zone: 'c' } }, true)).toBeUndefined();
  });
});

describe('checkVolumeSatisfyClaim', () => {
  const cases = [
    { name: 'fits', pv: pv('a', '5G'), claim: claim('1G'), want: '' },
    { name: 'too small', pv: pv('a', '1G'), claim: claim('5G'), want: 'requested PV is too small' },
    { name: 'class', pv: pv('a', '5G', { cls: 'gold' }), claim: claim('1G'), want: 'storageClassName does not match' },
    { name: 'mode', pv: pv('a', '5G', { mode: 'Block' }), claim: claim('1G'), want: 'incompatible volumeMode' },
    { name: 'access', pv: pv('a', '5G'), claim: claim('1G', { modes: ['ReadWriteMany'] }), want: 'incompatible accessMode' },
  ];
  for (const tc of cases) it(tc.name, () => expect(volumeSatisfyClaimError(tc.pv, tc.claim)).toBe(tc.want));
});

describe('GetAccessModesAsString', () => {
  const cases = [
    { modes: ['ReadWriteMany', 'ReadWriteOnce'], want: 'RWO,RWX' },
    { modes: ['ReadWriteOncePod'], want: 'RWOP' },
    { modes: ['ReadOnlyMany', 'ReadOnlyMany', 'ReadWriteOnce'], want: 'RWO,ROX' },
    { modes: [], want: '' },
  ];
  for (const tc of cases) it(tc.want || 'none', () => expect(accessModesAsString(tc.modes)).toBe(tc.want));
});
