import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { age, formatLabels } from './common.ts';
import { registerTableHandler } from './registry.ts';

const loadBalancerWidth = 16;

function loadBalancerStatus(svc: Service, wide: boolean): string {
  const set = new Set<string>();
  for (const i of svc.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > loadBalancerWidth) r = r.slice(0, loadBalancerWidth - 3) + '...';
  return r;
}

/** getServiceExternalIP. */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (ext.length > 0) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:30080/TCP`. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

registerTableHandler({
  kind: 'Service',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    { name: 'Age' },
    { name: 'Selector', priority: 1 },
  ],
  row: (o, ctx) => {
    const svc = o as unknown as Service;
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? '<none>';
    const cells = [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIP,
      serviceExternalIP(svc, ctx.wide),
      servicePorts(svc.spec?.ports) || '<none>',
      age(svc.metadata?.creationTimestamp, ctx),
    ];
    if (ctx.wide) cells.push(formatLabels(svc.spec?.selector));
    return cells;
  },
});
