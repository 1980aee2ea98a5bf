/** describe.go's describeHorizontalPodAutoscalerV2. */
import type { HPASpec, HPAStatus, ScalingRules } from '../../api/kinds/horizontalpodautoscaler.ts';
import type { KubeObject } from '../../api/types.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, type DescribeContext } from './writer.ts';

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: ScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds != null) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if ((rules.policies ?? []).length > 0) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of rules.policies ?? []) w.write(3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

type AnyStatus = { current?: { value?: string; averageValue?: string; averageUtilization?: number } };

function describeHPA(obj: KubeObject, ctx: DescribeContext): string {
  const spec = (obj.spec ?? {}) as HPASpec;
  const st = (obj.status ?? {}) as HPAStatus;
  const current = (st.currentMetrics ?? []) as unknown as Array<Record<string, AnyStatus | undefined>>;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m, i) => {
    const cur = (key: string) => current[i]?.[key]?.current;
    switch (m.type) {
      case 'External': {
        const t = m.external?.target ?? {};
        if (t.averageValue != null) w.write(1, `"${m.external?.metric?.name}" (target average value):\t${cur('external')?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
        else w.write(1, `"${m.external?.metric?.name}" (target value):\t${cur('external')?.value ?? '<unknown>'} / ${t.value ?? ''}\n`);
        break;
      }
      case 'Pods':
        w.write(1, `"${m.pods?.metric?.name}" on pods:\t${cur('pods')?.averageValue ?? '<unknown>'} / ${m.pods?.target?.averageValue ?? ''}\n`);
        break;
      case 'Object': {
        const t = m.object?.target ?? {};
        const d = m.object?.describedObject ?? {};
        if (t.value != null) w.write(1, `"${m.object?.metric?.name}" on ${d.kind}/${d.name}:\t${cur('object')?.value ?? '<unknown>'} / ${t.value}\n`);
        else w.write(1, `"${m.object?.metric?.name}" on ${d.kind}/${d.name} (target average value):\t${cur('object')?.averageValue ?? '<unknown>'} / ${t.averageValue ?? ''}\n`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const isRes = m.type === 'Resource';
        const src = isRes ? m.resource : m.containerResource;
        const c = cur(isRes ? 'resource' : 'containerResource');
        const t = src?.target ?? {};
        if (isRes) w.write(1, `resource ${src?.name} on pods`);
        else w.write(1, `resource ${src?.name} of container "${m.containerResource?.container}" on pods`);
        if (t.averageValue != null) w.write(0, `:\t${c?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
        else {
          const now = c?.averageUtilization != null ? `${c.averageUtilization}% (${c.averageValue ?? '0'})` : '<unknown>';
          const target = t.averageUtilization != null ? `${t.averageUtilization}%` : '<auto>';
          w.write(1, `(as a percentage of request):\t${now} / ${target}\n`);
        }
        break;
      }
      default:
        w.write(1, `<unknown metric type ${JSON.stringify(m.type ?? '')}>\n`);
    }
  });
  w.write(0, `Min replicas:\t${spec.minReplicas != null ? spec.minReplicas : '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
    printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if ((st.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions ?? []) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('HorizontalPodAutoscaler', describeHPA);
