import { clone } from '../../store/store.ts';
import { forbidden } from '../errors.ts';
import type { ResourceQuotaSpec, ResourceQuotaStatus } from '../kinds/resourcequota.ts';
import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../server.ts';
import type { KubeObject } from '../types.ts';
import { evaluatorFor, quotaMatches } from './quota/evaluators.ts';
import { add, equal, exceeded, fromList, isZero, mask, negatives, prettyPrint, subtractNonNegative, toList } from './quota/resources.ts';

/**
 * ResourceQuota admission (apiserver resourcequota plugin, CheckRequest): an object that a quota in its
 * namespace tracks must satisfy the evaluator's constraints and fit under every matching quota; the
 * charge is written to the quotas' `status.used` at once, as the plugin does.
 */
export function checkQuota(a: AdmissionAttributes, api: ApiServer): void {
  if (a.subresource !== '' || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
  const quotas = api.store.list('resourcequotas', a.namespace);
  if (quotas.length === 0) return;
  const ev = evaluatorFor(a.resource);
  if (!ev.operations.includes(a.operation)) return;
  const obj = a.object;
  const interesting: KubeObject[] = [];
  for (const q of quotas) {
    const spec = q.spec as ResourceQuotaSpec | undefined;
    const status = (q.status ?? {}) as ResourceQuotaStatus;
    const hardNames = Object.keys(status.hard ?? {});
    if (!quotaMatches(ev, hardNames, spec, obj)) continue;
    const restricted = ev.matchingResources(hardNames);
    const why = ev.constraints?.(restricted, obj) ?? '';
    if (why) throw forbidden(a.resource, a.name, `failed quota: ${q.metadata.name}: ${why}`);
    const used = status.used ?? {};
    if (restricted.some((r) => !(r in used))) {
      throw forbidden(a.resource, a.name, `status unknown for quota: ${q.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    }
    interesting.push(q);
  }
  if (interesting.length === 0) return;
  // Objects under admission are never past a deletion grace period, so time does not matter here.
  const now = 0;
  let delta = ev.usage(obj, now);
  const neg = negatives(delta);
  if (neg.length > 0) throw forbidden(a.resource, a.name, `quota usage is negative for resource(s): ${neg.sort().join(',')}`);
  if (a.operation === 'UPDATE' && a.oldObject) delta = subtractNonNegative(delta, ev.usage(a.oldObject, now));
  if (isZero(delta)) return;

  const updates: KubeObject[] = [];
  for (const q of interesting) {
    const status = (q.status ?? {}) as ResourceQuotaStatus;
    const hard = fromList(status.hard);
    const used = fromList(status.used);
    const requested = mask(delta, hard.keys());
    const newUsage = add(used, requested);
    const over = exceeded(mask(newUsage, requested.keys()), hard);
    if (over.length > 0) {
      throw forbidden(
        a.resource,
        a.name,
        `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(mask(requested, over))}, used: ${prettyPrint(mask(used, over))}, limited: ${prettyPrint(mask(hard, over))}`,
      );
    }
    if (!equal(newUsage, used)) {
      const next = clone(q);
      (next.status as ResourceQuotaStatus).used = toList(newUsage);
      updates.push(next);
    }
  }
  // Dry runs and creates that are about to fail (the name is taken) charge nothing.
  if (a.dryRun) return;
  if (a.operation === 'CREATE' && api.store.get(a.resource.plural, a.namespace || undefined, a.name)) return;
  for (const q of updates) api.updateStatus(q);
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate: checkQuota,
};
