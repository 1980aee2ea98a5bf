/**
 * IP addresses and CIDR blocks of both families, as k8s.io/utils/net ParseIPSloppy / ParseCIDRSloppy accept
 * them (IPv4 octets may carry leading zeros). Addresses are bigints so one code path serves IPv4 and IPv6.
 */

export interface IPAddr {
  family: 4 | 6;
  value: bigint;
}

export interface CIDRBlock {
  family: 4 | 6;
  /** The network address (host bits cleared). */
  base: bigint;
  prefix: number;
  text: string;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256n + BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let groups: number[] = [];
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  const parseGroups = (part: string, allowV4: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (allowV4 && i === items.length - 1 && it.includes('.')) {
        const v4 = parseV4(it);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(it)) return undefined;
      out.push(parseInt(it, 16));
    }
    return out;
  };
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl), false);
    const tail = parseGroups(s.slice(dbl + 2), true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(s, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(g);
  return n;
}

/** ParseIPSloppy: undefined when `s` is not an IP address. */
export function parseIP(s: string): IPAddr | undefined {
  if (s.includes(':')) {
    const v = parseV6(s);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseV4(s);
  return v === undefined ? undefined : { family: 4, value: v };
}

/** ParseCIDRSloppy: undefined when `s` is not `IP/prefix` with a prefix length valid for the family. */
export function parseCIDR(s: string): CIDRBlock | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const ip = parseIP(s.slice(0, i));
  const bitsText = s.slice(i + 1);
  if (!ip || !/^\d+$/.test(bitsText)) return undefined;
  const prefix = Number(bitsText);
  const width = ip.family === 4 ? 32 : 128;
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix, text: s };
}

export function cidrContainsIP(c: CIDRBlock, ip: IPAddr): boolean {
  if (c.family !== ip.family) return false;
  const hostBits = BigInt((c.family === 4 ? 32 : 128) - c.prefix);
  return ip.value >> hostBits === c.base >> hostBits;
}

/** ValidateIPBlock's subset test: `inner` lies inside `outer` and is strictly smaller. */
export function isStrictSubset(inner: CIDRBlock, outer: CIDRBlock): boolean {
  return cidrContainsIP(outer, { family: inner.family, value: inner.base }) && outer.prefix < inner.prefix;
}

/** Does `ip` (text) fall in `cidr` (text)? False for anything that does not parse. */
export function ipInCIDR(ip: string, cidr: string): boolean {
  const a = parseIP(ip);
  const c = parseCIDR(cidr);
  return !!a && !!c && cidrContainsIP(c, a);
}
