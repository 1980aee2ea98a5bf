import type { HPASpec, HPAStatus, MetricSpec, MetricStatus } from '../../api/kinds/horizontalpodautoscaler.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

/** formatHPAMetrics (printers.go): `cpu: 45%/50%` per metric, at most two, then `+ N more...`. */
export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const st = statuses ?? [];
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const s = st[i] as (MetricStatus & { pods?: { current?: { averageValue?: string } }; object?: { current?: { value?: string; averageValue?: string } }; external?: { current?: { value?: string; averageValue?: string } } }) | undefined;
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue != null) list.push(`${s?.external?.current?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else list.push(`${s?.external?.current?.value ?? '<unknown>'}/${t.value ?? ''}`);
        break;
      }
      case 'Pods':
        list.push(`${s?.pods?.current?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue ?? ''}`);
        break;
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue != null) list.push(`${s?.object?.current?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else list.push(`${s?.object?.current?.value ?? '<unknown>'}/${t.value ?? ''}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const cur = spec.type === 'Resource' ? s?.resource?.current : s?.containerResource?.current;
        const t = src?.target ?? {};
        if (t.averageValue != null) list.push(`${src?.name}: ${cur?.averageValue ?? '<unknown>'}/${t.averageValue}`);
        else {
          const current = cur?.averageUtilization != null ? `${cur.averageUtilization}%` : '<unknown>';
          const target = t.averageUtilization != null ? `${t.averageUtilization}%` : '<auto>';
          list.push(`${src?.name}: ${current}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

registerTableHandler({
  kind: 'HorizontalPodAutoscaler',
  columns: [{ name: 'Name', isName: true }, { name: 'Reference' }, { name: 'Targets' }, { name: 'MinPods' }, { name: 'MaxPods' }, { name: 'Replicas' }, { name: 'Age' }],
  row: (o, ctx) => {
    const spec = (o.spec ?? {}) as HPASpec;
    const st = (o.status ?? {}) as HPAStatus;
    const ref = spec.scaleTargetRef ?? {};
    return [
      o.metadata.name ?? '',
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      formatHPAMetrics(spec.metrics, st.currentMetrics),
      spec.minReplicas != null ? String(spec.minReplicas) : '<unset>',
      spec.maxReplicas ?? 0,
      st.currentReplicas ?? 0,
      age(o.metadata.creationTimestamp, ctx),
    ];
  },
});
