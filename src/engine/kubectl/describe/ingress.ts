/** describeIngressV1: Address, Ingress Class, Default backend, TLS, the Rules table with endpoints, events. */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { IngressBackend, IngressSpec, IngressStatus } from '../../api/kinds/ingress.ts';
import type { KubeObject } from '../../api/types.ts';
import { ingressAddress } from '../printers/ingress.ts';
import { registerDescriber } from './registry.ts';
import { formatEndpointSlices } from './service.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, type DescribeContext } from './writer.ts';

/** describeBackendV1: `svc:port (endpoints)`, or the error kubectl got fetching the Service. */
function describeBackend(ctx: DescribeContext, ns: string, b: IngressBackend): string {
  if (b.service) {
    const s = b.service;
    const port = s.port?.number ? String(s.port.number) : (s.port?.name ?? '');
    const sb = `${s.name ?? ''}:${port}`;
    const svc = ctx.api.tryGet('services', ns, s.name ?? '') as unknown as Service | undefined;
    if (!svc) return `${sb} (<error: services "${s.name ?? ''}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (s.port?.number && s.port.number === sp.port) spName = sp.name ?? '';
      else if (s.port?.name && s.port.name === sp.name) spName = sp.name ?? '';
    }
    const slices = ctx.api
      .list('endpointslices', ns)
      .filter((o) => o.metadata.labels?.['kubernetes.io/service-name'] === s.name)
      .map((o) => o as unknown as EndpointSlice);
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (b.resource) {
    const r = b.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind ?? ''}, Name: ${r.name ?? ''}`;
  }
  return '';
}

function describeIngress(obj: KubeObject, ctx: DescribeContext): string {
  const spec = (obj.spec ?? {}) as IngressSpec;
  const ns = obj.metadata.namespace ?? '';
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(0, `Address:\t${ingressAddress(obj.status as IngressStatus | undefined, true)}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  if ((spec.tls ?? []).length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls ?? []) {
      if (!t.secretName) w.write(1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
      else w.write(1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const r of spec.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.write(1, `${r.host || '*'}\t\n`);
    for (const p of r.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${describeBackend(ctx, ns, p.backend ?? {})}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Ingress', describeIngress);
