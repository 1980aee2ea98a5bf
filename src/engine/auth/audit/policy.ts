// Audit policy evaluation (audit.k8s.io/v1 Policy), after staging/src/k8s.io/apiserver/pkg/audit/policy/checker.go:
// the first rule that matches a request decides its level and omitted stages.
import type { Attributes } from '../attributes.ts';

export type Level = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
export const levels: Level[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
export type Stage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

export interface GroupResources {
  group?: string;
  resources?: string[];
  resourceNames?: string[];
}

export interface PolicyRule {
  level: Level;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  resources?: GroupResources[];
  namespaces?: string[];
  nonResourceURLs?: string[];
  omitStages?: Stage[];
  omitManagedFields?: boolean;
}

export interface Policy {
  apiVersion?: string;
  kind?: string;
  rules: PolicyRule[];
  omitStages?: Stage[];
  omitManagedFields?: boolean;
}

export interface PolicyDecision {
  level: Level;
  omitStages: Stage[];
}

function hasString(list: readonly string[] | undefined, s: string): boolean {
  return !!list && list.includes(s);
}

function ruleMatchesResource(r: PolicyRule, a: Attributes): boolean {
  if (!a.resourceRequest) return false;
  if ((r.namespaces?.length ?? 0) > 0 && !r.namespaces!.includes(a.namespace)) return false;
  if (!r.resources?.length) return true;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  for (const gr of r.resources) {
    if ((gr.group ?? '') !== a.apiGroup && gr.group !== '*') continue;
    if (!gr.resources?.length) return true;
    for (const res of gr.resources) {
      const match =
        res === combined ||
        (res === '*' && true) ||
        (res.startsWith('*/') && a.subresource !== '' && res.slice(2) === a.subresource) ||
        (res.endsWith('/*') && res.slice(0, -2) === a.resource);
      if (!match) continue;
      if (!gr.resourceNames?.length || gr.resourceNames.includes(a.name)) return true;
    }
  }
  return false;
}

function ruleMatchesNonResource(r: PolicyRule, a: Attributes): boolean {
  if (a.resourceRequest) return false;
  if (!r.nonResourceURLs?.length) return true;
  return r.nonResourceURLs.some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))));
}

/** ruleMatches. */
export function ruleMatches(r: PolicyRule, a: Attributes): boolean {
  if ((r.users?.length ?? 0) > 0 && !hasString(r.users, a.user.name)) return false;
  if ((r.userGroups?.length ?? 0) > 0 && !a.user.groups.some((g) => r.userGroups!.includes(g))) return false;
  if ((r.verbs?.length ?? 0) > 0 && !hasString(r.verbs, a.verb)) return false;
  if ((r.namespaces?.length ?? 0) > 0 || (r.resources?.length ?? 0) > 0) return ruleMatchesResource(r, a);
  if ((r.nonResourceURLs?.length ?? 0) > 0) return ruleMatchesNonResource(r, a);
  return true;
}

/** EvaluatePolicyRule: the level and omitted stages for a request; None when no rule matches. */
export function evaluatePolicy(p: Policy | undefined, a: Attributes): PolicyDecision {
  for (const r of p?.rules ?? []) {
    if (ruleMatches(r, a)) return { level: r.level, omitStages: [...new Set([...(p?.omitStages ?? []), ...(r.omitStages ?? [])])] };
  }
  return { level: 'None', omitStages: [] };
}

/** validation.ValidatePolicy, the parts a lab policy can get wrong. */
export function validatePolicy(p: Policy): string[] {
  const errs: string[] = [];
  if (!Array.isArray(p.rules) || p.rules.length === 0) errs.push('rules: Required value: at least one rule is required');
  (p.rules ?? []).forEach((r, i) => {
    if (!levels.includes(r.level)) errs.push(`rules[${i}].level: Unsupported value: "${r.level ?? ''}": supported values: "None", "Metadata", "Request", "RequestResponse"`);
    if ((r.nonResourceURLs?.length ?? 0) > 0 && ((r.resources?.length ?? 0) > 0 || (r.namespaces?.length ?? 0) > 0)) {
      errs.push(`rules[${i}].nonResourceURLs: Invalid value: ${JSON.stringify(r.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs`);
    }
  });
  return errs;
}
