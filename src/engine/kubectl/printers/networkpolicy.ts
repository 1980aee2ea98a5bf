import type { NetworkPolicySpec } from '../../api/kinds/networkpolicy.ts';
import { age, formatLabelSelector } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** printNetworkPolicy: NAME, POD-SELECTOR, AGE. */
registerTableHandler({
  kind: 'NetworkPolicy',
  columns: [{ name: 'Name', isName: true }, { name: 'Pod-Selector' }, { name: 'Age' }],
  row: (o, ctx) => {
    const spec = (o.spec ?? {}) as NetworkPolicySpec;
    return [o.metadata.name ?? '', formatLabelSelector(spec.podSelector ?? {}), age(o.metadata.creationTimestamp, ctx)];
  },
});
