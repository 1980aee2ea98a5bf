/**
 * Pod IPs from the node's podCIDR, handed out the way the host-local CNI plugin does: sequentially after the
 * last one given, skipping the network address and the bridge gateway (.1), wrapping around when the end is reached.
 */
export class PodIPAM {
  private base = 0;
  private size = 0;
  private last = 1;
  private taken = new Set<number>();
  readonly cidr: string;

  constructor(cidr: string | undefined) {
    this.cidr = cidr ?? '';
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr ?? '');
    if (!m) return;
    const ip = ((+m[1] << 24) >>> 0) + (+m[2] << 16) + (+m[3] << 8) + +m[4];
    this.size = 2 ** (32 - +m[5]);
    this.base = ip - (ip % this.size);
  }

  static format(n: number): string {
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }

  /** The bridge address (first host address), used as the source of kubelet probes. */
  gateway(): string {
    return this.size > 0 ? PodIPAM.format(this.base + 1) : '';
  }

  /** Next free address, or undefined when the range is exhausted (or there is no podCIDR). */
  allocate(): string | undefined {
    const usable = this.size - 3;
    if (usable <= 0) return undefined;
    for (let i = 0; i < usable; i++) {
      this.last = this.last + 1 >= this.size - 1 ? 2 : this.last + 1;
      if (!this.taken.has(this.last)) {
        this.taken.add(this.last);
        return PodIPAM.format(this.base + this.last);
      }
    }
    return undefined;
  }

  release(ip: string | undefined): void {
    if (!ip) return;
    const parts = ip.split('.').map(Number);
    const n = ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
    this.taken.delete(n - this.base);
  }

  inUse(): number {
    return this.taken.size;
  }
}
