/**
 * Hands out the smallest free slot number and takes slots back, as the node IPAM controller does with the
 * cluster CIDR. Slot numbers become pod CIDRs (10.244.N.0/24) and node addresses (172.18.0.N+2).
 */
export class SlotAllocator {
  private used = new Set<number>();

  allocate(): number {
    let n = 0;
    while (this.used.has(n)) n++;
    this.used.add(n);
    return n;
  }

  release(n: number): void {
    this.used.delete(n);
  }
}

/**
 * The /24 pod CIDR of slot `n` in kind's cluster CIDR 10.244.0.0/16. Past 256 nodes the /16 is exhausted;
 * Kubelab keeps counting into 10.245.0.0 and beyond instead of failing allocation (see SIMPLIFICATIONS).
 */
export function podCIDRForSlot(n: number): string {
  return `10.${244 + Math.floor(n / 256)}.${n % 256}.0/24`;
}

/** The node's InternalIP on kind's docker network 172.18.0.0/16 (.1 is the gateway, nodes start at .2). */
export function nodeIPForSlot(n: number): string {
  const host = n + 2;
  return `172.18.${Math.floor(host / 256)}.${host % 256}`;
}
