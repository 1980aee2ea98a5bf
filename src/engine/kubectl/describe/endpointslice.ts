/** describeEndpointSliceV1 (describe.go): address type, ports table, and each endpoint's details. */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../api/types.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, type DescribeContext } from './writer.ts';

function describeEndpointSlice(obj: KubeObject, ctx: DescribeContext): string {
  const eps = obj as unknown as EndpointSlice;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${eps.metadata?.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata?.namespace}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata?.annotations);
  w.write(0, `AddressType:\t${eps.addressType}\n`);
  if ((eps.ports ?? []).length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of eps.ports ?? []) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  if ((eps.endpoints ?? []).length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${e.conditions?.ready == null ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('EndpointSlice', describeEndpointSlice);
