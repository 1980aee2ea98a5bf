/** describeDeployment, describeReplicaSet and describeReplicationController (describe.go). */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { formatLabelSelector, formatLabels, labelSelectorString } from '../printers/common.ts';
import { describePodTemplate } from './containers.ts';
import { goSort } from './gosort.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { registerDescriber } from './registry.ts';
import { controllerOf, describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, type DescribeContext } from './writer.ts';

/** (*intstr.IntOrString).String(): `<nil>` when unset. */
function intOrPercent(v: number | string | undefined): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The pod template without the pod-template-hash label (deploymentutil.EqualIgnoreHash). */
function templateKey(t: unknown): string {
  const c = JSON.parse(JSON.stringify(t ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels) {
    delete c.metadata.labels['pod-template-hash'];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  return stableJson(c);
}

function rsList(rss: ReplicaSet[]): string {
  const s = rss.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s === '' ? '<none>' : s;
}

function conditions(w: PrefixWriter, conds: ReadonlyArray<{ type: string; status: string; reason?: string }> | undefined): void {
  if ((conds ?? []).length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conds ?? []) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function describeDeployment(obj: KubeObject, ctx: DescribeContext): string {
  const d = obj as unknown as Deployment;
  const meta = d.metadata ?? {};
  const st = d.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${d.spec?.selector ? labelSelectorString(d.spec.selector) : ''}\n`);
  w.write(
    0,
    `Replicas:\t${d.spec?.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable)} max unavailable, ${intOrPercent(ru.maxSurge)} max surge\n`);
  describePodTemplate(w, d.spec?.template);
  conditions(w, st.conditions);
  // deploymentutil.GetAllReplicaSetsInChunks: the ReplicaSets the selector matches and the Deployment
  // controls, by creation time then name; the first with the Deployment's template (ignoring
  // pod-template-hash) is the new one, every other one is old (kubectl lists all of them, even at 0).
  const owned = ctx.api
    .list('replicasets', meta.namespace)
    .filter((o) => matchesLabelSelector(d.spec?.selector, o.metadata.labels) && (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === meta.uid))
    .map((o) => o as unknown as ReplicaSet);
  goSort(owned, (a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '');
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '');
    return ta === tb ? (a.metadata?.name ?? '') < (b.metadata?.name ?? '') : ta < tb;
  });
  const key = templateKey(d.spec?.template);
  const newRS = owned.find((rs) => templateKey(rs.spec?.template) === key);
  const old = owned.filter((rs) => rs !== newRS);
  if (old.length > 0 || newRS) {
    w.write(0, `OldReplicaSets:\t${rsList(old)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

/** Running / Waiting / Succeeded / Failed counts of the pods a controller owns. */
function podCounts(ctx: DescribeContext, obj: KubeObject, selects: (labels: Record<string, string> | undefined) => boolean): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const o of ctx.api.list('pods', obj.metadata.namespace)) {
    // getPodStatusForController: pods the selector matches whose controller is this object.
    if (!selects(o.metadata.labels) || !(o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid)) continue;
    switch ((o as unknown as Pod).status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): string {
  const rs = obj as unknown as ReplicaSet;
  const meta = rs.metadata ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const by = controllerOf(obj);
  if (by) w.write(0, `Controlled By:\t${by}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podCounts(ctx, obj, (l) => matchesLabelSelector(rs.spec?.selector, l))}\n`);
  describePodTemplate(w, rs.spec?.template);
  conditions(w, rs.status?.conditions);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

function describeReplicationController(obj: KubeObject, ctx: DescribeContext): string {
  const rc = obj as unknown as ReplicationController;
  const meta = rc.metadata ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  w.write(0, `Pods Status:\t${podCounts(ctx, obj, (l) => Object.entries(rc.spec?.selector ?? {}).every(([k, v]) => l?.[k] === v))}\n`);
  describePodTemplate(w, rc.spec?.template);
  conditions(w, rc.status?.conditions);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Deployment', describeDeployment);
registerDescriber('ReplicaSet', describeReplicaSet);
registerDescriber('ReplicationController', describeReplicationController);
