import type { Service } from 'kubernetes-types/core/v1';
import type { StoreEvent } from '../store/store.ts';
import type { NodePortAllocator, ServiceIPAllocator } from './allocators.ts';
import { heldIPs, heldPorts } from './service-fields.ts';

/**
 * Keeps the allocators in step with stored Services: what a stored Service holds is allocated to it, and
 * released when the Service changes or is deleted. (Upstream commits on a successful write and releases on
 * delete; deriving the state from store events gives the same result and can never leak on a failed write.)
 */
export class AllocationLedger {
  private held = new Map<string, { ips: string[]; ports: number[] }>();

  constructor(
    private readonly ips: ServiceIPAllocator,
    private readonly ports: NodePortAllocator,
  ) {}

  onStoreEvent(ev: StoreEvent): void {
    if (ev.resource !== 'services') return;
    const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
    this.sync(key, ev.type === 'DELETED' ? undefined : (ev.object as unknown as Service));
  }

  sync(key: string, svc: Service | undefined): void {
    const prev = this.held.get(key);
    if (prev) {
      for (const ip of prev.ips) this.ips.release(ip, key);
      for (const p of prev.ports) this.ports.release(p, key);
      this.held.delete(key);
    }
    if (!svc) return;
    const ips = heldIPs(svc);
    const ports = heldPorts(svc);
    for (const ip of ips) this.ips.claim(ip, key);
    for (const p of ports) this.ports.claim(p, key);
    this.held.set(key, { ips, ports });
  }
}
