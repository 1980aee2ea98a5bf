import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

registerTableHandler({
  kind: 'EndpointSlice',
  columns: [{ name: 'Name', isName: true }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  row: (o, ctx) => {
    const es = o as unknown as EndpointSlice;
    const max = 3;
    const ports: string[] = [];
    let pMore = false;
    let pCount = 0;
    for (const p of es.ports ?? []) {
      if (ports.length < max) ports.push(p.port != null ? String(p.port) : p.name != null ? p.name : '*');
      else if (ports.length === max) pMore = true;
      pCount++;
    }
    const eps: string[] = [];
    let eMore = false;
    let eCount = 0;
    for (const e of es.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (eps.length < max) eps.push(a);
        else if (eps.length === max) eMore = true;
        eCount++;
      }
    }
    return [es.metadata?.name ?? '', es.addressType ?? '', listWithMore(ports, pMore, pCount, max), listWithMore(eps, eMore, eCount, max), age(es.metadata?.creationTimestamp, ctx)];
  },
});
