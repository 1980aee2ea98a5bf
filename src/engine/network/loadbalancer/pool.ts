import { formatIPv4, parseIPv4 } from '../ipv4.ts';

/** The default address pool, inside the kind Docker network (MetalLB's kind quick start uses the same range). */
export const DEFAULT_POOL = '172.18.255.200-172.18.255.250';

/**
 * An IPAddressPool's `addresses`: ranges `a.b.c.d-e.f.g.h` or CIDRs, comma/space/newline separated.
 * Returns the addresses in order, or an error text.
 */
export function parsePool(text: string): { ips: string[] } | { error: string } {
  const ips: string[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const range = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(part);
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(part);
    if (range) {
      const a = parseIPv4(range[1]);
      const b = parseIPv4(range[2]);
      if (a === undefined || b === undefined || b < a) return { error: `invalid IP range "${part}"` };
      if (b - a > 65_535) return { error: `IP range "${part}" is too large` };
      for (let n = a; n <= b; n++) ips.push(formatIPv4(n));
    } else if (cidr) {
      const base = parseIPv4(cidr[1]);
      const bits = Number(cidr[2]);
      if (base === undefined || bits < 16 || bits > 32) return { error: `invalid CIDR "${part}"` };
      const size = 2 ** (32 - bits);
      const start = base - (base % size);
      for (let n = start; n < start + size; n++) ips.push(formatIPv4(n));
    } else {
      const one = parseIPv4(part);
      if (one === undefined) return { error: `invalid address "${part}"` };
      ips.push(formatIPv4(one));
    }
  }
  return { ips };
}
