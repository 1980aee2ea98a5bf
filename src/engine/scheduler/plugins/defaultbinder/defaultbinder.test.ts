import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import type { Handle } from '../../framework/interfaces.ts';
import { podInfo } from '../../podinfo.ts';
import { defaultBinder } from './index.ts';

// Follows upstream's TestDefaultBinder (framework/plugins/defaultbinder/default_binder_test.go).
describe('DefaultBinder', () => {
  const setup = () => {
    const rt = createCluster({ nodes: [] }).runtime;
    rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
    // A pod for another scheduler, so the default scheduler leaves it alone.
    const pod = rt.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'foo', namespace: 'ns' }, spec: { schedulerName: 'other', containers: [{ name: 'c', image: 'nginx' }] } });
    return { rt, info: podInfo(pod), binder: defaultBinder({ api: rt.api } as Handle) };
  };

  it('successful: sets spec.nodeName through the binding subresource', () => {
    const { rt, info, binder } = setup();
    expect(binder.bind(new CycleState(), info, 'foohost.kubernetes.mydomain.com')).toBeUndefined();
    expect((rt.store.get('pods', 'ns', 'foo')!.spec as { nodeName: string }).nodeName).toBe('foohost.kubernetes.mydomain.com');
  });

  it('binding error: the API error becomes an Error status with its message', () => {
    const { info, binder } = setup();
    binder.bind(new CycleState(), info, 'foohost');
    const again = binder.bind(new CycleState(), info, 'foohost');
    expect(again?.code).toBe('Error');
    expect(again?.message()).toBe('Operation cannot be fulfilled on pods/binding "foo": pod foo is already assigned to node "foohost"');
  });
});
