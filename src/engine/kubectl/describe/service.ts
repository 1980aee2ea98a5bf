/** describeService (endpoints from EndpointSlices, as kubectl 1.32) and describeEndpoints. */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { formatLabels } from '../printers/common.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, type DescribeContext } from './writer.ts';

function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * formatEndpointSlices: up to three ready `ip:port` for the named port, then ` + N more...`. As upstream,
 * `more` is decided before an endpoint's readiness is checked, and only ready endpoints are counted.
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const visit = (e: EndpointSlice['endpoints'][number], text: () => string) => {
    if (list.length === max) more = true;
    if (e.conditions?.ready === false) return;
    if (!more) list.push(text());
    count++;
  };
  for (const s of slices) {
    if ((s.ports ?? []).length === 0) {
      for (const e of s.endpoints ?? []) visit(e, () => e.addresses[0]);
      continue;
    }
    for (const p of s.ports ?? []) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) visit(e, () => joinHostPort(e.addresses[0], p.port ?? 0));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = obj as unknown as Service;
  const meta = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies!.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs!.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    // buildIngressString: the IP (with its IP mode) or else the hostname.
    const text = ingress.map((i) => (i.ip ? i.ip + ((i as { ipMode?: string }).ipMode ? ` (${(i as { ipMode?: string }).ipMode})` : '') : (i.hostname ?? ''))).join(', ');
    w.write(0, `LoadBalancer Ingress:\t${text}\n`);
  }
  const slices = ctx.api
    .list('endpointslices', meta.namespace)
    .filter((o) => o.metadata.labels?.['kubernetes.io/service-name'] === meta.name)
    .map((o) => o as unknown as EndpointSlice);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    const tp = p.targetPort ?? p.port;
    w.write(0, `TargetPort:\t${tp}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

function describeEndpoints(obj: KubeObject, ctx: DescribeContext): string {
  const ep = obj as unknown as Endpoints;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata?.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((s.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports ?? []) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Service', describeService);
registerDescriber('Endpoints', describeEndpoints);
