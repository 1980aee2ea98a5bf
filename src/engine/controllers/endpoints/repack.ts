import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import type { Mut } from '../../api/types.ts';

export type Subset = Mut<EndpointSubset>;
type Address = Mut<EndpointAddress>;
type Port = Mut<EndpointPort>;

function addrKey(a: Address): string {
  return `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
}

function portKey(p: Port): string {
  return JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? '']);
}

function compareAddr(a: Address, b: Address): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function comparePort(a: Port, b: Port): number {
  const ka = portKey(a);
  const kb = portKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * endpoints.RepackSubsets: regroup single-address subsets into the N-to-M form the API wants — one subset
 * per distinct set of addresses, listing every port those addresses serve. An address that is ready for
 * any port counts as ready. Addresses are sorted by IP then UID.
 */
export function repackSubsets(subsets: Subset[]): Subset[] {
  const allAddrs = new Map<string, Address>();
  // port key → (address key → ready)
  const portToAddrs = new Map<string, { port: Port | undefined; addrs: Map<string, boolean> }>();
  const map = (ss: Subset, port: Port | undefined) => {
    const pk = port ? portKey(port) : '<none>';
    let entry = portToAddrs.get(pk);
    if (!entry) portToAddrs.set(pk, (entry = { port, addrs: new Map() }));
    for (const a of ss.addresses ?? []) {
      const k = addrKey(a);
      if (!allAddrs.has(k)) allAddrs.set(k, a);
      entry.addrs.set(k, true);
    }
    for (const a of ss.notReadyAddresses ?? []) {
      const k = addrKey(a);
      if (!allAddrs.has(k)) allAddrs.set(k, a);
      if (!entry.addrs.has(k)) entry.addrs.set(k, false);
    }
  };
  for (const ss of subsets) {
    if (!ss.ports?.length) map(ss, undefined);
    else for (const p of ss.ports) map(ss, p);
  }
  // Group ports by identical address sets.
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: Port[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    const key = [...addrs.entries()].map(([k, r]) => `${k}=${r}`).sort().join('|');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: Subset[] = [];
  for (const g of groups.values()) {
    const ready: Address[] = [];
    const notReady: Address[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const ss: Subset = {};
    if (ready.length) ss.addresses = ready.sort(compareAddr);
    if (notReady.length) ss.notReadyAddresses = notReady.sort(compareAddr);
    if (g.ports.length) ss.ports = g.ports.sort(comparePort);
    out.push(ss);
  }
  return out.sort((a, b) => {
    const fa = a.addresses?.[0] ?? a.notReadyAddresses?.[0];
    const fb = b.addresses?.[0] ?? b.notReadyAddresses?.[0];
    if (fa && fb) return compareAddr(fa, fb) || comparePort(a.ports?.[0] ?? ({} as Port), b.ports?.[0] ?? ({} as Port));
    return 0;
  });
}
