/**
 * Quota evaluators (quota/v1/evaluator/core + generic object counting): for a resource, what quota names it
 * can consume, how much one object uses, which operations change usage, and how quota scopes match it.
 */
import type { ResourceQuotaSpec, ScopedRequirement } from '../../kinds/resourcequota.ts';
import type { KubeObject, ResourceType } from '../../types.ts';
import { fromNano } from '../../../util/quantity.ts';
import { one, type Usage } from './resources.ts';
import { podConstraints, podMatchesScope, podMatchingResources, podUsage } from './pods.ts';

export interface QuotaEvaluator {
  /** The REST resource (plural) whose objects this evaluator measures. */
  resource: string;
  /** Operations that can change usage (Handles). */
  operations: ReadonlyArray<'CREATE' | 'UPDATE'>;
  matchingResources(names: Iterable<string>): string[];
  usage(obj: KubeObject, nowMs: number): Usage;
  /** Extra admission constraints ('' when satisfied). */
  constraints?(required: string[], obj: KubeObject): string;
  /** Scope matching; evaluators without scopes match no scoped quota (MatchesNoScopeFunc). */
  matchesScope(sel: ScopedRequirement, obj: KubeObject): boolean;
}

/** Resources that kept their pre-`count/` quota names. */
const legacyNames: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

function countName(rt: Pick<ResourceType, 'plural' | 'group'>): string {
  return rt.group ? `count/${rt.plural}.${rt.group}` : `count/${rt.plural}`;
}

/** generic.NewObjectCountEvaluator: one of each object, on create. */
function objectCountEvaluator(rt: Pick<ResourceType, 'plural' | 'group'>): QuotaEvaluator {
  const names = [countName(rt)];
  if (!rt.group && legacyNames[rt.plural]) names.push(legacyNames[rt.plural]);
  return {
    resource: rt.plural,
    operations: ['CREATE'],
    matchingResources: (input) => [...input].filter((n) => names.includes(n)),
    usage: () => new Map(names.map((n) => [n, one()])),
    matchesScope: () => false,
  };
}

const podEvaluator: QuotaEvaluator = {
  resource: 'pods',
  operations: ['CREATE'],
  matchingResources: podMatchingResources,
  usage: podUsage,
  constraints: podConstraints,
  matchesScope: podMatchesScope,
};

/** The service evaluator: services, count/services, services.nodeports, services.loadbalancers. */
const serviceEvaluator: QuotaEvaluator = {
  resource: 'services',
  operations: ['CREATE', 'UPDATE'],
  matchingResources: (input) => [...input].filter((n) => ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'].includes(n)),
  usage(obj) {
    const spec = (obj.spec ?? {}) as { type?: string; ports?: unknown[] };
    const u: Usage = new Map([
      ['services', one()],
      ['count/services', one()],
    ]);
    const nodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? (spec.ports ?? []).length : 0;
    u.set('services.nodeports', count(nodePorts));
    u.set('services.loadbalancers', count(spec.type === 'LoadBalancer' ? 1 : 0));
    return u;
  },
  matchesScope: () => false,
};

const count = (n: number) => fromNano(BigInt(n) * 1_000_000_000n, 'DecimalSI');

const special: Record<string, QuotaEvaluator> = { pods: podEvaluator, services: serviceEvaluator };

export function evaluatorFor(rt: Pick<ResourceType, 'plural' | 'group'>): QuotaEvaluator {
  return special[rt.plural] ?? objectCountEvaluator(rt);
}

/** The scope requirements of a quota: `scopes` as Exists requirements, then the scope selector's. */
export function scopeSelectors(spec: ResourceQuotaSpec | undefined): ScopedRequirement[] {
  return [
    ...(spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' })),
    ...(spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

/** generic.Matches: the quota tracks a resource of this evaluator and every scope matches the object. */
export function quotaMatches(ev: QuotaEvaluator, hardNames: string[], spec: ResourceQuotaSpec | undefined, obj: KubeObject): boolean {
  if (ev.matchingResources(hardNames).length === 0) return false;
  return scopeSelectors(spec).every((s) => ev.matchesScope(s, obj));
}
