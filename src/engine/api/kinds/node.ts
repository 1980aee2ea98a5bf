import type { FieldError } from '../types.ts';
import { notSupported } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { isQualifiedName } from '../validation/names.ts';
import { defineKind } from './define.ts';

type NodeStatus = { capacity?: Record<string, unknown>; allocatable?: Record<string, unknown> };
type Taint = { key?: string; value?: string; effect?: string };

/** Node (v1). Nodes keep the status they register with (the kubelet creates them with it). */
export const node = defineKind({
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  hasStatus: true,
  decode(obj) {
    const st = obj.status as NodeStatus | undefined;
    canonicalizeList(obj, st?.capacity);
    canonicalizeList(obj, st?.allocatable);
  },
  defaults(obj) {
    const st = obj.status as NodeStatus | undefined;
    if (st?.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const taints = ((obj.spec as { taints?: Taint[] } | undefined)?.taints ?? []);
    const seen = new Set<string>();
    taints.forEach((t, i) => {
      const p = `spec.taints[${i}]`;
      for (const m of isQualifiedName(t.key ?? '')) errs.push({ type: 'Invalid', field: `${p}.key`, value: t.key ?? '', detail: m });
      const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
      if (!t.effect) errs.push({ type: 'Required', field: `${p}.effect` });
      else if (!effects.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, effects));
      const key = `${t.key}:${t.effect}`;
      if (seen.has(key)) errs.push({ type: 'Duplicate', field: `${p}`, value: `core.Taint{Key:${JSON.stringify(t.key ?? '')}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect ?? '')}, TimeAdded:<nil>}`, rawValue: true, detail: 'taints must be unique by key and effect pair' });
      seen.add(key);
    });
    return errs;
  },
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'spec.unschedulable': (o) => String((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true),
  },
});
