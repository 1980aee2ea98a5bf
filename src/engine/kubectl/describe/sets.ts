/** describeStatefulSet and describeDaemonSet (describe.go). */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { formatLabels, labelSelectorString } from '../printers/common.ts';
import { describePodTemplate } from './containers.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, type DescribeContext } from './writer.ts';

/** getPodStatusForController: phases of the pods the object controls. */
function podsStatus(ctx: DescribeContext, obj: KubeObject): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of ctx.api.list('pods', obj.metadata.namespace)) {
    if (!(p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid)) continue;
    const phase = (p as unknown as Pod).status?.phase ?? '';
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

/** printLabelsMultilineWithIndent. */
function labelsWithIndent(w: PrefixWriter, indent: string, title: string, labels: Record<string, string> | undefined): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${indent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function describeVolumeClaimTemplates(w: PrefixWriter, templates: readonly PersistentVolumeClaim[] | undefined): void {
  if (!templates || templates.length === 0) {
    w.write(0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    const cls = pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    w.write(1, `StorageClass:\t${cls}\n`);
    labelsWithIndent(w, '  ', 'Labels', pvc.metadata?.labels as Record<string, string> | undefined);
    labelsWithIndent(w, '  ', 'Annotations', pvc.metadata?.annotations as Record<string, string> | undefined);
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage ?? '<default>'}\n`);
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

function describeStatefulSet(obj: KubeObject, ctx: DescribeContext): string {
  const s = obj as unknown as StatefulSet;
  const meta = s.metadata ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${s.spec?.selector ? labelSelectorString(s.spec.selector) : ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Replicas:\t${s.spec?.replicas ?? 0} desired | ${s.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${s.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = s.spec?.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatus(ctx, obj)}\n`);
  describePodTemplate(w, s.spec?.template);
  describeVolumeClaimTemplates(w, s.spec?.volumeClaimTemplates);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): string {
  const d = obj as unknown as DaemonSet;
  const meta = d.metadata ?? {};
  const st = d.status;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Selector:\t${d.spec?.selector ? labelSelectorString(d.spec.selector) : ''}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(d.spec?.template?.spec?.nodeSelector as Record<string, string> | undefined)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, obj)}\n`);
  describePodTemplate(w, d.spec?.template);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('StatefulSet', describeStatefulSet);
registerDescriber('DaemonSet', describeDaemonSet);
