import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import type { AuthorizationPolicySpec } from './types.ts';

/** ValidateAuthorizationPolicy (rules, from/to, when). */
export function validateAuthorizationPolicy(obj: KubeObject): string[] {
  const ap = (obj.spec ?? {}) as AuthorizationPolicySpec;
  const errs: string[] = [];
  const action = ap.action ?? 'ALLOW';
  if (action === 'CUSTOM') {
    if (!ap.rules) errs.push('CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request');
    if (!ap.provider?.name) errs.push('`provider.name` must not be empty');
  } else if (ap.provider) errs.push(`\`provider\` must not be with non CUSTOM action, found ${action}`);
  if (action === 'DENY' && !ap.rules) errs.push('DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request');
  (ap.rules ?? []).forEach((r, i) => {
    if (!r) {
      errs.push(`\`rule\` must not be nil, found at rule ${i}`);
      return;
    }
    if (r.from !== undefined && r.from.length === 0) errs.push(`\`from\` must not be empty, found at rule ${i}`);
    for (const f of r.from ?? []) {
      if (!f.source) errs.push(`\`from.source\` must not be nil, found at rule ${i}`);
      else if (Object.values(f.source).every((v) => !v || v.length === 0)) errs.push(`\`from.source\` must not be empty, found at rule ${i}`);
    }
    if (r.to !== undefined && r.to.length === 0) errs.push(`\`to\` must not be empty, found at rule ${i}`);
    for (const t of r.to ?? []) {
      if (!t.operation) errs.push(`\`to.operation\` must not be nil, found at rule ${i}`);
      else if (Object.values(t.operation).every((v) => !v || v.length === 0)) errs.push(`\`to.operation\` must not be empty, found at rule ${i}`);
    }
    for (const w of r.when ?? []) {
      if (!w.key) errs.push('`key` must not be empty');
      else if ((w.values ?? []).length === 0 && (w.notValues ?? []).length === 0) errs.push(`at least one of \`values\` or \`notValues\` must be set for key ${w.key}`);
    }
  });
  return errs;
}

export const authorizationPolicy = istioKind({
  kind: 'AuthorizationPolicy',
  group: 'security.istio.io',
  plural: 'authorizationpolicies',
  singular: 'authorizationpolicy',
  shortNames: ['ap'],
  versions: ['v1', 'v1beta1'],
  webhook: validateAuthorizationPolicy,
});
