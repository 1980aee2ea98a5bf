import type { IngressRule, IngressSpec, IngressStatus, IngressTLS } from '../../api/kinds/ingress.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';

const loadBalancerWidth = 16;

/** formatHosts: up to three hosts, `*` when none, ` + N more...` past three. */
export function formatIngressHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

/** ingressLoadBalancerStatusStringer: sorted unique IPs (or hostnames), clipped to 16 bytes unless wide. */
export function ingressAddress(status: IngressStatus | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > loadBalancerWidth) r = r.slice(0, loadBalancerWidth - 3) + '...';
  return r;
}

function formatPorts(tls: readonly IngressTLS[] | undefined): string {
  return (tls ?? []).length !== 0 ? '80, 443' : '80';
}

/** printIngress: NAME, CLASS, HOSTS, ADDRESS, PORTS, AGE. */
registerTableHandler({
  kind: 'Ingress',
  columns: [{ name: 'Name', isName: true }, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
  row: (o, ctx) => {
    const spec = (o.spec ?? {}) as IngressSpec;
    return [
      o.metadata.name ?? '',
      spec.ingressClassName ?? '<none>',
      formatIngressHosts(spec.rules),
      ingressAddress(o.status as IngressStatus | undefined, ctx.wide),
      formatPorts(spec.tls),
      age(o.metadata.creationTimestamp, ctx),
    ];
  },
});
