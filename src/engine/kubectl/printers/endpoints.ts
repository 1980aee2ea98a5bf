import type { Endpoints } from 'kubernetes-types/core/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** formatEndpoints: up to three `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints, ports?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      if (!ports || ports.has(port.name ?? '')) {
        count += addrs.length;
        for (const a of addrs) {
          if (list.length === max) {
            more = true;
            break;
          }
          list.push(joinHostPort(a.ip, port.port));
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

registerTableHandler({
  kind: 'Endpoints',
  columns: [{ name: 'Name', isName: true }, { name: 'Endpoints' }, { name: 'Age' }],
  row: (o, ctx) => [o.metadata.name ?? '', formatEndpoints(o as unknown as Endpoints), age(o.metadata.creationTimestamp, ctx)],
});
