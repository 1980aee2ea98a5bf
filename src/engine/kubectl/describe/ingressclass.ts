/** describeIngressClassV1. */
import type { IngressClassSpec } from '../../api/kinds/ingressclass.ts';
import type { KubeObject } from '../../api/types.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, type DescribeContext } from './writer.ts';

function describeIngressClass(obj: KubeObject, ctx: DescribeContext): string {
  const spec = (obj.spec ?? {}) as IngressClassSpec;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Controller:\t${spec.controller ?? ''}\n`);
  if (spec.parameters) {
    w.write(0, 'Parameters:\n');
    if (spec.parameters.apiGroup !== undefined && spec.parameters.apiGroup !== null) w.write(1, `APIGroup:\t${spec.parameters.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.parameters.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.parameters.name ?? ''}\n`);
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('IngressClass', describeIngressClass);
