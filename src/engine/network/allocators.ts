import type { Rng } from '../util/rng.ts';
import { cidrContains, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ipv4.ts';
import { OffsetRange, rangeOffset } from './range.ts';

/** An allocation failure with upstream's error text (ipallocator / portallocator errors). */
export class AllocationError extends Error {
  constructor(
    message: string,
    readonly kind: 'full' | 'allocated' | 'notInRange',
  ) {
    super(message);
  }
}

/**
 * ClusterIP allocation over a CIDR (pkg/registry/core/service/ipallocator, bitmap allocator): the network
 * and broadcast addresses are never handed out; offset 0 is the first host address.
 */
export class ServiceIPAllocator {
  readonly cidr: Cidr;
  private range: OffsetRange;

  constructor(cidrText: string, reservedIPs: string[] = []) {
    this.cidr = parseCidr(cidrText);
    const max = Math.max(0, this.cidr.size - 2);
    // ipallocator's calculateRangeOffset: min 16, max 256, step 16.
    const reserved = new Set(reservedIPs.map((ip) => parseIPv4(ip)! - this.cidr.base - 1));
    this.range = new OffsetRange(max, rangeOffset(max, 16, 256, 16), reserved);
  }

  private slot(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined || !cidrContains(this.cidr, n)) return undefined;
    const off = n - this.cidr.base - 1;
    return off < 0 || off >= this.range.max ? undefined : off;
  }

  /** Throws the ErrNotInRange / ErrAllocated text when `ip` cannot be taken by `owner`. */
  check(ip: string, owner: string, taken: ReadonlySet<string> = new Set()): void {
    const s = this.slot(ip);
    if (s === undefined) {
      throw new AllocationError(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`, 'notInRange');
    }
    const o = this.range.owner(s);
    if ((o !== undefined && o !== owner) || taken.has(ip)) throw new AllocationError('provided IP is already allocated', 'allocated');
  }

  /** A free address picked at random, or throws ErrFull ("range is full"). */
  next(rng: Rng, taken: ReadonlySet<string> = new Set()): string {
    const t = new Set<number>();
    for (const ip of taken) {
      const s = this.slot(ip);
      if (s !== undefined) t.add(s);
    }
    const s = this.range.next(rng, t);
    if (s === undefined) throw new AllocationError('range is full', 'full');
    return formatIPv4(this.cidr.base + 1 + s);
  }

  /** Record `ip` as held by `owner` (from the store: what is stored is allocated). */
  claim(ip: string, owner: string): void {
    const s = this.slot(ip);
    if (s !== undefined && !this.range.has(s)) this.range.set(s, owner);
  }

  release(ip: string, owner?: string): void {
    const s = this.slot(ip);
    if (s !== undefined) this.range.release(s, owner);
  }

  isAllocated(ip: string): boolean {
    const s = this.slot(ip);
    return s !== undefined && this.range.has(s);
  }

  used(): number {
    return this.range.used();
  }

  free(): number {
    return this.range.max - this.range.used();
  }
}

/** NodePort allocation over a port range (pkg/registry/core/service/portallocator). */
export class NodePortAllocator {
  readonly base: number;
  readonly size: number;
  readonly text: string;
  private range: OffsetRange;

  constructor(rangeText: string) {
    const [lo, hi] = rangeText.split('-').map(Number);
    this.base = lo;
    this.size = hi - lo + 1;
    this.text = rangeText;
    // portallocator's calculateRangeOffset: min 16, max 128, step 32.
    this.range = new OffsetRange(this.size, rangeOffset(this.size, 16, 128, 32));
  }

  private slot(port: number): number | undefined {
    const s = port - this.base;
    return Number.isInteger(port) && s >= 0 && s < this.size ? s : undefined;
  }

  check(port: number, owner: string, taken: ReadonlySet<number> = new Set()): void {
    const s = this.slot(port);
    if (s === undefined) {
      throw new AllocationError(`provided port is not in the valid range. The range of valid ports is ${this.text}`, 'notInRange');
    }
    const o = this.range.owner(s);
    if ((o !== undefined && o !== owner) || taken.has(port)) throw new AllocationError('provided port is already allocated', 'allocated');
  }

  next(rng: Rng, taken: ReadonlySet<number> = new Set()): number {
    const t = new Set<number>();
    for (const p of taken) {
      const s = this.slot(p);
      if (s !== undefined) t.add(s);
    }
    const s = this.range.next(rng, t);
    if (s === undefined) throw new AllocationError('range is full', 'full');
    return this.base + s;
  }

  claim(port: number, owner: string): void {
    const s = this.slot(port);
    if (s !== undefined && !this.range.has(s)) this.range.set(s, owner);
  }

  release(port: number, owner?: string): void {
    const s = this.slot(port);
    if (s !== undefined) this.range.release(s, owner);
  }

  isAllocated(port: number): boolean {
    const s = this.slot(port);
    return s !== undefined && this.range.has(s);
  }

  used(): number {
    return this.range.used();
  }
}
