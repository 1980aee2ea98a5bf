// The ClusterRole aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole with an
// aggregationRule gets, as its rules, the union of the rules of every ClusterRole its selectors match.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PolicyRule, RoleLike } from '../../auth/rbac/types.ts';
import { clone } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import type { Controller } from '../types.ts';

/** Rules of every role a selector matches, in name order, without duplicates (as the controller builds them). */
export function aggregatedRules(self: string, selectors: readonly LabelSelector[], roles: readonly RoleLike[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const sorted = [...roles].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const seen = new Set<string>();
  for (const sel of selectors) {
    for (const role of sorted) {
      if (role.metadata.name === self || seen.has(role.metadata.name ?? '')) continue;
      if (!matchesLabelSelector(sel, role.metadata.labels)) continue;
      seen.add(role.metadata.name ?? '');
      for (const rule of role.rules ?? []) if (!out.some((r) => deepEqual(r, rule))) out.push(rule);
    }
  }
  return out;
}

export function clusterRoleAggregationController(): Controller {
  /** Names of the ClusterRoles that aggregate, kept from store events. */
  const aggregators = new Set<string>();
  const aggregates = (r: RoleLike) => (r.aggregationRule?.clusterRoleSelectors?.length ?? 0) > 0;
  return {
    name: 'clusterrole-aggregation-controller',
    watches: [
      {
        resource: 'clusterroles',
        // Any ClusterRole change may change what an aggregated role selects; aggregated roles are few.
        keys: (ev) => {
          const r = ev.object as unknown as RoleLike;
          if (ev.type !== 'DELETED' && aggregates(r)) aggregators.add(r.metadata.name!);
          else aggregators.delete(r.metadata.name!);
          return [...aggregators];
        },
      },
    ],
    start(ctx, enqueue) {
      for (const o of ctx.store.list('clusterroles')) {
        const r = o as unknown as RoleLike;
        if (!aggregates(r)) continue;
        aggregators.add(r.metadata.name!);
        enqueue(r.metadata.name!);
      }
    },
    reconcile(name, ctx) {
      const stored = ctx.store.get('clusterroles', undefined, name);
      if (!stored) return;
      const role = stored as unknown as RoleLike;
      const selectors = (role.aggregationRule?.clusterRoleSelectors ?? []) as LabelSelector[];
      if (selectors.length === 0) return;
      const rules = aggregatedRules(name, selectors, ctx.store.list('clusterroles') as unknown as RoleLike[]);
      if (deepEqual(rules, role.rules ?? [])) return;
      const next = clone(stored) as unknown as RoleLike;
      next.rules = clone(rules);
      ctx.api.update(next as unknown as typeof stored, { owned: true });
    },
  };
}
