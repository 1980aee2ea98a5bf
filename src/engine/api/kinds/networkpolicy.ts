import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isStrictSubset, parseCIDR } from '../../network/policy/cidr.ts';
import type { FieldError, KubeObject } from '../types.ts';
import { forbidden, invalid, notSupported, required } from '../validation/field.ts';
import { isValidPortName, isValidPortNum } from '../validation/names.ts';
import { defineKind } from './define.ts';
import { validateLabelSelector } from './workload.ts';

export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
export interface IPBlock {
  cidr?: string;
  except?: string[];
}
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: IPBlock | null;
}
export interface NetworkPolicyIngressRule {
  ports?: NetworkPolicyPort[];
  from?: NetworkPolicyPeer[];
}
export interface NetworkPolicyEgressRule {
  ports?: NetworkPolicyPort[];
  to?: NetworkPolicyPeer[];
}
export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

const cidrMsg = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** ValidateNetworkPolicyPort. */
function validatePort(p: NetworkPolicyPort, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol !== undefined && p.protocol !== 'TCP' && p.protocol !== 'UDP' && p.protocol !== 'SCTP') {
    errs.push(notSupported(`${path}.protocol`, p.protocol, ['TCP', 'UDP', 'SCTP']));
  }
  if (p.port !== undefined && p.port !== null) {
    if (typeof p.port === 'number') {
      for (const m of isValidPortNum(p.port)) errs.push(invalid(`${path}.port`, p.port, m));
      if (p.endPort !== undefined && p.endPort !== null) {
        if (p.endPort < p.port) errs.push(invalid(`${path}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(p.endPort)) errs.push(invalid(`${path}.endPort`, p.endPort, m));
      }
    } else {
      if (p.endPort !== undefined && p.endPort !== null) errs.push(invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(p.port)) errs.push(invalid(`${path}.port`, p.port, m));
    }
  } else if (p.endPort !== undefined && p.endPort !== null) {
    errs.push(invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** ValidateIPBlock (values already stored in the old object are not re-validated, as upstream). */
function validateIPBlock(b: IPBlock, path: string, existing: Set<string>): FieldError[] {
  if (!b.cidr) return [required(`${path}.cidr`, '')];
  const errs: FieldError[] = [];
  const cidr = parseCIDR(b.cidr);
  if (!cidr) {
    if (!existing.has(b.cidr)) errs.push(invalid(`${path}.cidr`, b.cidr, cidrMsg));
    return errs;
  }
  (b.except ?? []).forEach((e, i) => {
    const p = `${path}.except[${i}]`;
    const ex = parseCIDR(e);
    if (!ex) {
      if (!existing.has(e)) errs.push(invalid(p, e, cidrMsg));
      return;
    }
    if (!isStrictSubset(ex, cidr)) errs.push(invalid(p, e, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

/** ValidateNetworkPolicyPeer. */
function validatePeer(peer: NetworkPolicyPeer, path: string, existing: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    n++;
    errs.push(...validateIPBlock(peer.ipBlock, `${path}.ipBlock`, existing));
  }
  if (n === 0) errs.push(required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function cidrsOf(spec: NetworkPolicySpec | undefined): Set<string> {
  const out = new Set<string>();
  const add = (peers: NetworkPolicyPeer[] | undefined) => {
    for (const p of peers ?? []) {
      if (!p.ipBlock) continue;
      if (p.ipBlock.cidr) out.add(p.ipBlock.cidr);
      for (const e of p.ipBlock.except ?? []) out.add(e);
    }
  };
  for (const r of spec?.ingress ?? []) add(r.from);
  for (const r of spec?.egress ?? []) add(r.to);
  return out;
}

/** ValidateNetworkPolicySpec. */
export function validateNetworkPolicySpec(spec: NetworkPolicySpec, old?: NetworkPolicySpec): FieldError[] {
  const errs: FieldError[] = [...validateLabelSelector(spec.podSelector ?? {}, 'spec.podSelector')];
  const existing = cidrsOf(old);
  (spec.ingress ?? []).forEach((r, i) => {
    const p = `spec.ingress[${i}]`;
    (r.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, `${p}.ports[${j}]`)));
    (r.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, `${p}.from[${j}]`, existing)));
  });
  (spec.egress ?? []).forEach((r, i) => {
    const p = `spec.egress[${i}]`;
    (r.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, `${p}.ports[${j}]`)));
    (r.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, `${p}.to[${j}]`, existing)));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) {
    errs.push({
      type: 'Invalid',
      field: 'spec.policyTypes',
      value: `[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`,
      rawValue: true,
      detail: 'may not specify more than two policyTypes',
    });
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
}

/** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort (networking/v1). */
export function defaultNetworkPolicy(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as NetworkPolicySpec;
  spec.podSelector ??= {};
  for (const r of spec.ingress ?? []) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
  for (const r of spec.egress ?? []) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if ((spec.egress ?? []).length > 0) spec.policyTypes.push('Egress');
  }
}

/** NetworkPolicy (networking.k8s.io/v1). Enforcement is the CNI's business (network/policy). */
export const networkPolicy = defineKind({
  kind: 'NetworkPolicy',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  namespaced: true,
  tracksGeneration: true,
  defaults: defaultNetworkPolicy,
  validate(obj, ctx) {
    return validateNetworkPolicySpec((obj.spec ?? {}) as NetworkPolicySpec, ctx.old?.spec as NetworkPolicySpec | undefined);
  },
});
