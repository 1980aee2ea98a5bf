/** describe.go's ResourceQuota, LimitRange, PodDisruptionBudget and PriorityClass describers. */
import type { LimitRangeSpec } from '../../api/kinds/limitrange.ts';
import type { PDBSpec, PDBStatus } from '../../api/kinds/poddisruptionbudget.ts';
import type { PriorityClassLike } from '../../api/kinds/priorityclass.ts';
import type { ResourceQuotaSpec, ResourceQuotaStatus } from '../../api/kinds/resourcequota.ts';
import type { KubeObject } from '../../api/types.ts';
import { fromNano, parseQuantity } from '../../util/quantity.ts';
import { formatLabels, formatLabelSelector } from '../printers/common.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, type DescribeContext } from './writer.ts';

function scopeHelp(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/** Used, re-expressed in the hard value's format when they differ (resource.NewQuantity(used.Value(), hard.Format)). */
function usedText(used: string | undefined, hard: string): string {
  const u = parseQuantity(used ?? '0');
  const h = parseQuantity(hard);
  if (u.format === h.format) return u.canonical;
  return fromNano(BigInt(u.value) * 1_000_000_000n, h.format).canonical;
}

function describeQuota(obj: KubeObject): string {
  const spec = (obj.spec ?? {}) as ResourceQuotaSpec;
  const st = (obj.status ?? {}) as ResourceQuotaStatus;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  const scopes = [...(spec.scopes ?? [])].sort();
  if (scopes.length > 0) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (scopeHelp(s)) w.write(0, ` * ${scopeHelp(s)}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const r of Object.keys(st.hard ?? {}).sort()) w.write(0, `${r}\t${usedText(st.used?.[r], st.hard![r])}\t${st.hard![r]}\n`);
  return w.done();
}

/** describeLimitRangeSpec: one row per item and resource, `-` where a value is unset (resources sorted). */
function limitRangeRows(w: PrefixWriter, spec: LimitRangeSpec | undefined, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const maps = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const keys = new Set<string>();
    for (const m of maps) for (const k of Object.keys(m ?? {})) keys.add(k);
    for (const k of [...keys].sort()) {
      const cells = maps.map((m) => m?.[k] ?? '-');
      w.write(0, `${prefix}${item.type ?? ''}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

function describeLimitRange(obj: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, obj.spec as LimitRangeSpec | undefined, '');
  return w.done();
}

/** DescribeResourceQuotas, the namespace describer's quota section. */
export function describeResourceQuotas(w: PrefixWriter, quotas: readonly KubeObject[]): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))) {
    const spec = (q.spec ?? {}) as ResourceQuotaSpec;
    const st = (q.status ?? {}) as ResourceQuotaStatus;
    w.write(1, `Name:\t${q.metadata.name}\n`);
    const scopes = [...(spec.scopes ?? [])].sort();
    if (scopes.length > 0) {
      w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (scopeHelp(s)) w.write(1, `* ${scopeHelp(s)}\n`);
    }
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    for (const r of Object.keys(st.hard ?? {}).sort()) w.write(1, `${r}\t${st.used?.[r] ?? '0'}\t${st.hard![r]}\n`);
  }
}

/** DescribeLimitRanges, the namespace describer's limit section. */
export function describeLimitRanges(w: PrefixWriter, ranges: readonly KubeObject[]): void {
  if (ranges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) limitRangeRows(w, lr.spec as LimitRangeSpec | undefined, ' ');
}

function describePDB(obj: KubeObject, ctx: DescribeContext): string {
  const spec = (obj.spec ?? {}) as PDBSpec;
  const st = (obj.status ?? {}) as PDBStatus;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

function describePriorityClass(obj: KubeObject, ctx: DescribeContext): string {
  const pc = obj as unknown as PriorityClassLike;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('ResourceQuota', describeQuota);
registerDescriber('LimitRange', describeLimitRange);
registerDescriber('PodDisruptionBudget', describePDB);
registerDescriber('PriorityClass', describePriorityClass);
