/** describeNetworkPolicy: kubectl's own layout (not the generic describer), including its odd indentation. */
import type { NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../api/kinds/networkpolicy.ts';
import type { KubeObject } from '../../api/types.ts';
import { formatLabelSelector } from '../printers/common.ts';
import { registerDescriber } from './registry.ts';
import { PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/** Go's time.Time.String() of a UTC timestamp: `2025-01-01 00:00:00 +0000 UTC`. */
export function goTimeString(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(Date.parse(ts));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

function printPorts(w: PrefixWriter, ports: readonly NetworkPolicyPort[] | undefined, indent: string): void {
  if ((ports ?? []).length === 0) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of ports ?? []) {
    const proto = p.protocol ?? 'TCP';
    const port = p.port === undefined || p.port === null ? '<nil>' : String(p.port);
    if (p.endPort === undefined || p.endPort === null) w.write(0, `${indent}To Port: ${port}/${proto}\n`);
    else w.write(0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
  }
}

function printPeers(w: PrefixWriter, peers: readonly NetworkPolicyPeer[], title: string, indent: string): void {
  for (const peer of peers) {
    w.write(0, `${indent}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
      w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

function printRules(w: PrefixWriter, rules: ReadonlyArray<NetworkPolicyIngressRule | NetworkPolicyEgressRule>, ingress: boolean): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${ingress ? 'ingress' : 'egress'} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    printPorts(w, r.ports, indent);
    const peers = ingress ? (r as NetworkPolicyIngressRule).from : (r as NetworkPolicyEgressRule).to;
    if ((peers ?? []).length === 0) {
      w.write(0, ingress ? `${indent}From: <any> (traffic not restricted by source)\n` : `${indent}To: <any> (traffic not restricted by destination)\n`);
    } else printPeers(w, peers!, ingress ? 'From' : 'To', indent);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

function describeNetworkPolicy(obj: KubeObject): string {
  const spec = (obj.spec ?? {}) as NetworkPolicySpec;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  w.write(0, `Created on:\t${goTimeString(obj.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
    w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else w.write(2, `${formatLabelSelector(sel)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    printRules(w, spec.ingress ?? [], true);
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    printRules(w, spec.egress ?? [], false);
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.length > 0 ? types.join(', ') : '<none>'}\n`);
  return w.done();
}

registerDescriber('NetworkPolicy', describeNetworkPolicy);
