import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { parseTaints, reorganizeTaints, type TaintSpec } from './taints.ts';

// Cases after staging/src/k8s.io/kubectl/pkg/cmd/taint/utils_test.go (TestParseTaints, TestReorganizeTaints).
describe('parseTaints', () => {
  const cases: Array<{ name: string; spec: string[]; add?: TaintSpec[]; remove?: TaintSpec[]; err?: string }> = [
    { name: 'add a taint with key and effect', spec: ['foo:NoSchedule'], add: [{ key: 'foo', effect: 'NoSchedule' }], remove: [] },
    { name: 'add a taint with key, value and effect', spec: ['foo=bar:NoSchedule'], add: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], remove: [] },
    { name: 'add a taint with key, empty value and effect', spec: ['foo=:NoSchedule'], add: [{ key: 'foo', effect: 'NoSchedule' }], remove: [] },
    { name: 'remove by key', spec: ['foo-'], add: [], remove: [{ key: 'foo' }] },
    { name: 'remove by key and effect', spec: ['foo:NoSchedule-'], add: [], remove: [{ key: 'foo', effect: 'NoSchedule' }] },
    { name: 'add and remove', spec: ['foo=bar:NoSchedule', 'bar:NoExecute-'], add: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], remove: [{ key: 'bar', effect: 'NoExecute' }] },
    { name: 'invalid effect', spec: ['foo=bar:NoExcute'], err: 'invalid taint effect: NoExcute, unsupported taint effect' },
    { name: 'missing effect', spec: ['foo=bar'], err: 'invalid taint spec: foo=bar, name part must consist of alphanumeric characters' },
    { name: 'key only cannot be added', spec: ['foo'], err: 'invalid taint spec: foo' },
    { name: 'too many colons', spec: ['foo:bar:NoSchedule'], err: 'invalid taint spec: foo:bar:NoSchedule' },
    { name: 'two equals', spec: ['a=b=c:NoSchedule'], err: 'invalid taint spec: a=b=c:NoSchedule' },
    { name: 'duplicated key and effect', spec: ['foo=bar:NoSchedule', 'foo=baz:NoSchedule'], err: 'duplicated taints with the same key and effect: {foo baz NoSchedule <nil>}' },
    { name: 'same key, different effects', spec: ['foo=bar:NoSchedule', 'foo=bar:NoExecute'], add: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoExecute' }], remove: [] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      if (tc.err) {
        expect(() => parseTaints(tc.spec)).toThrow(tc.err);
        return;
      }
      expect(parseTaints(tc.spec)).toEqual({ add: tc.add, remove: tc.remove });
    });
  }
});

describe('reorganizeTaints', () => {
  const old: TaintSpec[] = [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }];
  const cases: Array<{ name: string; overwrite: boolean; add: TaintSpec[]; remove: TaintSpec[]; op: string; taints: TaintSpec[]; errors?: string[] }> = [
    { name: 'no change with overwrite is modified', overwrite: true, add: [], remove: [], op: 'modified', taints: old },
    { name: 'add a new taint', overwrite: false, add: [{ key: 'a', effect: 'NoExecute' }], remove: [], op: 'tainted', taints: [{ key: 'a', effect: 'NoExecute' }, ...old] },
    { name: 'remove by key', overwrite: false, add: [], remove: [{ key: 'foo' }], op: 'untainted', taints: [] },
    { name: 'add and remove is modified', overwrite: false, add: [{ key: 'a', effect: 'NoExecute' }], remove: [{ key: 'foo', effect: 'NoSchedule' }], op: 'modified', taints: [{ key: 'a', effect: 'NoExecute' }] },
    { name: 'remove what is not there', overwrite: false, add: [], remove: [{ key: 'nope', effect: 'NoSchedule' }], op: 'untainted', taints: old, errors: ['taint "nope:NoSchedule" not found'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = reorganizeTaints(old, tc.overwrite, tc.add, tc.remove);
      expect(r.operation).toBe(tc.op);
      expect(r.taints).toEqual(tc.taints);
      expect(r.errors).toEqual(tc.errors ?? []);
    });
  }
});

describe('kubectl taint', () => {
  const run = (c: ReturnType<typeof createCluster>, l: string) => {
    const r = c.run(l);
    return { out: r.stdout, err: r.stderr, code: r.exitCode };
  };
  it('adds, overwrites and removes taints with kubectl texts', () => {
    const c = createCluster();
    const cases: Array<[string, { out?: string; err?: string; code: number }]> = [
      ['kubectl taint nodes worker-1 dedicated=special:NoSchedule', { out: 'node/worker-1 tainted\n', code: 0 }],
      ['kubectl taint nodes worker-1 dedicated=other:NoSchedule', { err: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n', code: 1 }],
      ['kubectl taint nodes worker-1 dedicated=other:NoSchedule --overwrite', { out: 'node/worker-1 modified\n', code: 0 }],
      ['kubectl taint node worker-1 dedicated:NoSchedule-', { out: 'node/worker-1 untainted\n', code: 0 }],
      ['kubectl taint node worker-1 dedicated-', { err: 'error: taint "dedicated" not found\n', code: 1 }],
      ['kubectl taint node worker-1 a=b:NoSchedule a-', { err: 'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\n', code: 1 }],
      ['kubectl taint pods web a=b:NoSchedule', { err: 'error: invalid resource type pods, only node types are supported\n', code: 1 }],
      ['kubectl taint nodes a=b:NoSchedule', { err: "error: at least one resource name must be specified since 'all' parameter is not set\n", code: 1 }],
      ['kubectl taint nodes nope a=b:NoSchedule', { err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 }],
      ['kubectl taint nodes worker-2 gpu:NoExecute --dry-run=client', { out: 'node/worker-2 tainted (dry run)\n', code: 0 }],
    ];
    for (const [cmd, want] of cases) expect(run(c, cmd), cmd).toMatchObject(want);
    expect((c.get('node', 'worker-1') as unknown as { spec: { taints?: unknown } }).spec.taints).toBeUndefined();
    expect((c.get('node', 'worker-2') as unknown as { spec: { taints?: unknown } }).spec.taints).toBeUndefined();
  });

  const kubectl = '/usr/bin/kubectl';
  const offline = ['taint', 'taint node', 'taint nodes foo a=b=c:NoSchedule', 'taint nodes foo a:b:c', 'taint nodes foo a=b:Bad', 'taint nodes foo a=b', 'taint nodes foo a=b:NoSchedule c', 'taint nodes foo a=b:NoSchedule a=c:NoSchedule', "taint nodes foo a=b_:NoSchedule"];
  for (const args of offline) {
    it.skipIf(!existsSync(kubectl))(`matches the real kubectl for "kubectl ${args}" (skipped without /usr/bin/kubectl)`, () => {
      let real = '';
      try {
        execFileSync(kubectl, args.split(' '), { stdio: 'pipe' });
      } catch (e) {
        real = String((e as { stderr: Buffer }).stderr).split('\n').filter((l) => !/memcache|refused|^E\d{4}/.test(l)).join('\n');
      }
      expect(run(createCluster(), `kubectl ${args}`).err).toBe(real);
    });
  }
});
