/** IPv4 helpers for the Service IP allocator: addresses as unsigned 32-bit numbers. */

/** Parse a dotted-quad IPv4 address (as netutils.ParseIPSloppy accepts it, leading zeros allowed); undefined if invalid. */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** True for something that looks like an IPv6 address (the lab's clusters are single-stack IPv4). */
export function looksLikeIPv6(s: string): boolean {
  return s.includes(':');
}

export interface Cidr {
  /** The network address. */
  base: number;
  prefix: number;
  /** Total addresses in the block, network and broadcast included. */
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const base = parseIPv4(ip);
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`invalid CIDR ${text}`);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix, size, text };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}
