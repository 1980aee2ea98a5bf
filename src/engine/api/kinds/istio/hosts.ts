/** Istio's host-name rules (pkg/config/validation/agent): DNS-1123 labels, wildcards only in the first label. */

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;

function checkPreconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

function labelsError(domain: string): string | undefined {
  const parts = domain.split('.');
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i];
    // Allow the last label to be empty (a trailing dot, fully-qualified).
    if (i === parts.length - 1 && label === '') return undefined;
    if (label.length > 63 || !dns1123Label.test(label)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(label)} invalid)`;
  }
  return undefined;
}

/** agent.ValidateWildcardDomain. */
export function wildcardDomainError(domain: string): string | undefined {
  const pre = checkPreconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  const wildcardOk = first === '*' || (first.startsWith('*') && dns1123Label.test(first.slice(1))) || dns1123Label.test(first);
  if (!wildcardOk || first.length > 63) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  return dot < 0 ? undefined : labelsError(domain.slice(dot + 1));
}

/** True for IPv4 literals. */
export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

/** host.Name.Matches: does wildcard host `a` match `b` or the reverse (duplicate hosts). */
export function hostsOverlap(a: string, b: string): boolean {
  const wa = a.startsWith('*');
  const wb = b.startsWith('*');
  if (!wa && !wb) return a === b;
  if (wa && wb) return a.length < b.length ? b.endsWith(a.slice(1)) : a.endsWith(b.slice(1));
  return wa ? b.endsWith(a.slice(1)) : a.endsWith(b.slice(1));
}

/** labels.IsDNS1123Label (lower case). */
export function isDNS1123Label(s: string): boolean {
  return s.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s);
}
