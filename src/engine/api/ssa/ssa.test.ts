// Server-side apply and managedFields. Wants follow the Kubernetes documentation's Server-Side Apply page (field
// sets, conflicts, transferring ownership) and structured-merge-diff's behaviour (typed/tofieldset.go: list items
// carry "."; typed/compare.go: a new non-leaf carries "."; merge/update.go: Update takes ownership, Apply conflicts),
// with the apiserver's conflict message (managedfields/internal/conflict.go).
import { describe, expect, it } from 'vitest';
import { StatusError } from '../types.ts';
import { FieldSet, fromFieldsV1, pathString, toFieldsV1 } from './fieldset.ts';
import { applyConfiguration, managedFieldsAfterUpdate } from './managed.ts';
import { compare, toFieldSet } from './walk.ts';

const web = (replicas: number, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } },
  },
});

describe('field sets', () => {
  it('an applied Deployment: maps by key, list items with ".", atomic selector', () => {
    expect(toFieldsV1(toFieldSet(web(2)))).toEqual({
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
            },
          },
        },
      },
    });
  });
  it('sets of scalars use v: elements', () => {
    expect(toFieldsV1(toFieldSet({ metadata: { finalizers: ['a/b'] } }))).toEqual({ 'f:metadata': { 'f:finalizers': { 'v:"a/b"': {} } } });
  });
  it('FieldsV1 round-trips', () => {
    const v = toFieldsV1(toFieldSet(web(1)));
    expect(toFieldsV1(fromFieldsV1(v))).toEqual(v);
  });
  const paths: Array<[string[], string]> = [
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"web"}', 'f:image'], '.spec.containers[name="web"].image'],
    [['f:metadata', 'f:finalizers', 'v:"x"'], '.metadata.finalizers[="x"]'],
  ];
  for (const [p, want] of paths) it(`path ${want}`, () => expect(pathString(p)).toBe(want));
});

describe('compare', () => {
  it('a new map gets "." (labels did not exist), a changed scalar is modified, a dropped one removed', () => {
    const c = compare({ spec: { replicas: 1, paused: true } }, { metadata: { labels: { a: 'b' } }, spec: { replicas: 2 } });
    expect(toFieldsV1(c.added)).toEqual({ 'f:metadata': { '.': {}, 'f:labels': { '.': {}, 'f:a': {} } } });
    expect(toFieldsV1(c.modified)).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(toFieldsV1(c.removed)).toEqual({ 'f:spec': { 'f:paused': {} } });
  });
});

const at = '2026-01-01T00:00:00Z';

describe('Update and Apply', () => {
  it('an Update owns what it created', () => {
    const entries = managedFieldsAfterUpdate({ metadata: {}, spec: {} }, { metadata: { name: 'c' }, data: { a: '1' } }, { manager: 'kubectl-create', apiVersion: 'v1', time: at });
    expect(entries).toEqual([{ manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: at, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } }]);
  });
  it('applying a different value of a field another manager updated is a conflict', () => {
    const live = { ...web(2), metadata: { ...web(2).metadata, managedFields: managedFieldsAfterUpdate({}, web(2), { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: at }) } };
    let err: unknown;
    try {
      applyConfiguration(live, web(3), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(409);
    expect((err as StatusError).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });
  it('two conflicts are listed per manager', () => {
    const live = { ...web(2), metadata: { ...web(2).metadata, managedFields: managedFieldsAfterUpdate({}, web(2), { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: at }) } };
    expect(() => applyConfiguration(live, web(3, 'nginx:1.28'), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false })).toThrow(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });
  it('the same value is shared ownership, not a conflict', () => {
    const live = { ...web(2), metadata: { ...web(2).metadata, managedFields: managedFieldsAfterUpdate({}, web(2), { manager: 'editor', apiVersion: 'apps/v1', time: at }) } };
    const r = applyConfiguration(live, web(2), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    expect(r.managedFields.map((e) => [e.manager, e.operation])).toEqual([['kubectl', 'Apply'], ['editor', 'Update']]);
    expect(fromFieldsV1(r.managedFields[1].fieldsV1).has(['f:spec', 'f:replicas'])).toBe(true);
  });
  it('--force-conflicts takes the field over', () => {
    const live = { ...web(2), metadata: { ...web(2).metadata, managedFields: managedFieldsAfterUpdate({}, web(2), { manager: 'editor', apiVersion: 'apps/v1', time: at }) } };
    const r = applyConfiguration(live, web(3), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: true });
    expect((r.object.spec as { replicas: number }).replicas).toBe(3);
    const editor = r.managedFields.find((e) => e.manager === 'editor')!;
    expect(fromFieldsV1(editor.fieldsV1).has(['f:spec', 'f:replicas'])).toBe(false);
  });
  it('a field the applier stops applying is removed when nobody else owns it', () => {
    const withPaused = { ...web(1), spec: { ...web(1).spec, paused: true } };
    const first = applyConfiguration(undefined, withPaused, { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    const live = { ...first.object, metadata: { ...(first.object.metadata as object), managedFields: first.managedFields } };
    const second = applyConfiguration(live, web(1), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    expect((second.object.spec as Record<string, unknown>).paused).toBeUndefined();
  });
  it('a new container merges into the list by name', () => {
    const first = applyConfiguration(web(1) as never, web(1), { manager: 'a', apiVersion: 'apps/v1', time: at, force: false });
    const cfg = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } } };
    const live = { ...first.object, metadata: { ...(first.object.metadata as object), managedFields: first.managedFields } };
    const r = applyConfiguration(live, cfg, { manager: 'b', apiVersion: 'apps/v1', time: at, force: false });
    const names = ((r.object.spec as { template: { spec: { containers: Array<{ name: string }> } } }).template.spec.containers).map((c) => c.name);
    expect(names).toEqual(['nginx', 'sidecar']);
  });
  it('an empty set is not an entry', () => {
    expect(new FieldSet().empty()).toBe(true);
  });
});

describe('prune keeps containers of fields still owned', () => {
  it('a map owned with "." stays when the new configuration owns a key in it', () => {
    const first = applyConfiguration(undefined, web(1), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    // The same manager's earlier set owned the labels map itself (as a migrated client-side apply set does).
    const entries = first.managedFields.map((e) => ({ ...e, fieldsV1: { ...e.fieldsV1, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } } }));
    const live = { ...first.object, metadata: { ...(first.object.metadata as object), managedFields: entries } };
    const r = applyConfiguration(live, web(1), { manager: 'kubectl', apiVersion: 'apps/v1', time: at, force: false });
    expect((r.object.metadata as { labels?: unknown }).labels).toEqual({ app: 'web' });
  });
});
