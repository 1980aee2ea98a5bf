import { isDNS1123Label, isIPv4, wildcardDomainError } from './hosts.ts';
import type { TLSMatchAttributes, TLSRoute, VirtualServiceSpec } from './types.ts';

/** isGateway (virtualservice.go): true unless the VirtualService names the "mesh" gateway (also when it names none). */
function boundToGateway(vs: VirtualServiceSpec): boolean {
  return !(vs.gateways ?? []).includes('mesh');
}

/** host.Name.SubsetOf: `a` equals `b`, or `b` is a wildcard covering `a` (a wildcard only within a wider wildcard). */
function subsetOf(a: string, b: string): boolean {
  if (a === b) return true;
  if (!b.startsWith('*')) return false;
  return a.startsWith('*') ? a.slice(1).endsWith(b.slice(1)) : a.endsWith(b.slice(1));
}

/**
 * agent.ValidateWildcardDomainForVirtualServiceBoundToGateway: an SNI host of the auto-generated form
 * outbound_.PORT_.SUBSET_.HOSTNAME (AUTO_PASSTHROUGH) is accepted as it is; anything else is a wildcard domain.
 */
export function sniDomainError(sni: boolean, domain: string): string | undefined {
  if (domain.length > 255) return `domain name ${JSON.stringify(domain)} too long (max 255)`;
  if (domain.length === 0) return 'empty domain name not allowed';
  if (sni && domain.startsWith('outbound_')) {
    const parts = domain.split('_');
    const format = 'outbound_.<port>_._.<hostname>';
    if (parts.length < 4) return `domain name ${domain} invalid, should follow '${format}' format`;
    const port = parts[1].replace(/^\.+|\.+$/g, '');
    const hostname = parts[3].replace(/^\.+|\.+$/g, '');
    if (parts[0] !== 'outbound') return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(parts[0])} invalid)`;
    if (!/[0-9]/.test(port)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(port)} invalid). should follow ${format} format`;
    if (!/[a-zA-Z]/.test(hostname)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(hostname)} invalid). should follow ${format} format`;
    return undefined;
  }
  return wildcardDomainError(domain);
}

/** True for what Go's net/netip parses as an address (IPv4 dotted quad or an IPv6 literal). */
function isIP(s: string): boolean {
  return isIPv4(s) || (/^[0-9a-fA-F:.]+$/.test(s) && s.includes(':') && s.split('::').length <= 2);
}

/** agent.ValidateIPSubnet: CIDR notation or a plain address. */
function ipSubnetError(subnet: string): string | undefined {
  if (subnet.split('/').length === 2) {
    const [ip, len] = subnet.split('/');
    const max = isIPv4(ip) ? 32 : 128;
    return isIP(ip) && /^\d+$/.test(len) && Number(len) <= max ? undefined : `${subnet} is not a valid CIDR block`;
  }
  return isIP(subnet) ? undefined : `${subnet} is not a valid IP`;
}

const tagKey = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** labels.Instance.Validate: keys as qualified names (an optional DNS-subdomain prefix), values as label values. */
function labelErrors(labels: Record<string, string> | undefined): string[] {
  const errs: string[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const parts = k.split('/');
    const name = parts[parts.length - 1];
    const prefixOk = parts.length === 1 || (parts.length === 2 && parts[0].length <= 253 && dns1123Subdomain.test(parts[0]));
    if (parts.length > 2 || !prefixOk || !tagKey.test(name)) errs.push(`invalid tag key: ${JSON.stringify(k)}`);
    if (v.length > 63 || !labelValue.test(v)) errs.push(`invalid tag value: ${JSON.stringify(v)}`);
  }
  return errs;
}

/** validateGatewayNames for a match's gateways ("namespace/name" parts must be DNS labels). */
function gatewayNameErrors(names: readonly string[] | undefined): string[] {
  const errs: string[] = [];
  for (const g of names ?? []) {
    const slash = g.indexOf('/');
    if (slash < 0) continue;
    const ns = g.slice(0, slash);
    const name = g.slice(slash + 1);
    if (!ns || !name) errs.push('config namespace and gateway name cannot be empty');
    if (!isDNS1123Label(ns)) errs.push(`invalid value for namespace: ${JSON.stringify(ns)}`);
    if (!isDNS1123Label(name)) errs.push(`invalid value for gateway name: ${JSON.stringify(name)}`);
  }
  return errs;
}

/** validateSniHost: a valid (wildcard) domain that is one of the VirtualService's hosts or within a wildcard host. */
function sniHostErrors(sni: string, vs: VirtualServiceSpec): string[] {
  // An IP address fails the domain check (its top-level label is all-numeric) and then only draws a warning.
  if (isIP(sni)) return [];
  const e = boundToGateway(vs) ? sniDomainError(true, sni) : wildcardDomainError(sni);
  if (e) return [e];
  const hosts = vs.hosts ?? [];
  if (hosts.some((h) => subsetOf(sni, h))) return [];
  return [`SNI host ${JSON.stringify(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`];
}

function tlsMatchErrors(m: TLSMatchAttributes | null, vs: VirtualServiceSpec): string[] {
  if (!m) return ['TLS match may not be null'];
  const errs: string[] = [];
  if (!m.sniHosts?.length) errs.push('TLS match must have at least one SNI host');
  else for (const h of m.sniHosts) errs.push(...sniHostErrors(h, vs));
  for (const s of m.destinationSubnets ?? []) {
    const e = ipSubnetError(s);
    if (e) errs.push(e);
  }
  if (m.port !== undefined && m.port !== 0 && (m.port < 1 || m.port > 65535)) errs.push(`port number ${m.port} must be in the range 1..65535`);
  errs.push(...labelErrors(m.sourceLabels), ...gatewayNameErrors(m.gateways));
  return errs;
}

/**
 * validateTLSRoute (pkg/config/validation/validation.go) up to the destinations, which the caller checks as for TCP
 * routes (validateRouteDestinations): at least one match, each with SNI hosts inside the VirtualService's hosts,
 * valid subnets, port, labels and gateway names; at least one destination.
 */
export function tlsRouteErrors(t: TLSRoute | null, vs: VirtualServiceSpec): string[] {
  if (!t) return [];
  const errs: string[] = [];
  if (!t.match?.length) errs.push('TLS route must have at least one match condition');
  for (const m of t.match ?? []) errs.push(...tlsMatchErrors(m, vs));
  if (!t.route?.length) errs.push('TLS route is required');
  return errs;
}
