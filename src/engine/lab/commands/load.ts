import type { Container } from 'kubernetes-types/core/v1';
import type { KubeObject, ResourceType } from '../../api/types.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import type { KubectlContext } from '../../kubectl/command.ts';
import { resolveResources } from '../../kubectl/resources.ts';
import { kindString } from '../../kubectl/apply/report.ts';
import { podIsReady, workloadPods } from '../../metrics/load.ts';
import { LOAD_SERVICE, type LoadApi, type LoadKnob } from '../../metrics/types.ts';
import { parseQuantity, QuantityError } from '../../util/quantity.ts';
import { registerLabCommand } from '../command.ts';
import { isUrlLoad, runUrlLoad, urlLoadFlags } from './loadurl.ts';

/**
 * `lab load WORKLOAD --cpu 80% | --cpu 300m [--memory 200Mi] | --off`: offered load on a workload, as a
 * load generator in front of its Service would create. The total is fixed when set (a percentage is of
 * the CPU requests of the pods ready at that moment) and spread over the workload's ready pods, so more
 * replicas mean less usage per pod. Usage follows with a lag of some tens of seconds. Without arguments:
 * the load currently offered.
 */
const help =
  'Offer CPU or memory load to a workload (what a load generator would do), for autoscaling labs.\n\n' +
  "The total is spread over the workload's ready pods; a percentage is of the CPU requests of the pods\n" +
  'ready when the load is set. Measured usage (kubectl top) follows within a minute.\n\n' +
  'Usage:\n  lab load                                  List the load offered to workloads\n' +
  '  lab load deployment/web --cpu 80%         80% of the pods\' CPU requests in total\n' +
  '  lab load deployment/web --cpu 300m        300 millicores in total\n' +
  '  lab load deployment/web --memory 200Mi    200Mi of extra memory in total\n' +
  '  lab load deployment/web --off             Stop the load\n' +
  '  lab load URL --rps 50 --duration 10s [-c 8] [--from POD] [-H \'k: v\']   Send HTTP load (fortio) and report latencies\n';

const supported = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'DaemonSet']);

function cpuRequest(pod: { spec?: { containers?: Container[] } } | undefined): number | undefined {
  let sum = 0;
  for (const c of pod?.spec?.containers ?? []) {
    const r = (c.resources?.requests as Record<string, string> | undefined)?.cpu;
    if (r === undefined) return undefined;
    sum += parseQuantity(r).milliValue;
  }
  return sum;
}

function quantity(flag: string, text: string): number {
  try {
    return flag === 'cpu' ? parseQuantity(text).milliValue : parseQuantity(text).value;
  } catch (e) {
    if (e instanceof QuantityError) throw new KubectlError(`invalid --${flag} value "${text}": ${e.message}`);
    throw e;
  }
}

function describeKnob(k: LoadKnob): string {
  const parts: string[] = [];
  if (k.cpu !== undefined) parts.push(`cpu ${Math.round(k.cpu)}m`);
  if (k.memory !== undefined) parts.push(`memory ${Math.round(k.memory / 1024 / 1024)}Mi`);
  return parts.join(', ');
}

function setLoad(ctx: KubectlContext, rt: ResourceType, w: KubeObject, cpu: string, memory: string, load: LoadApi): string {
  const ready = workloadPods(ctx.rt.store, w).filter(podIsReady);
  const knob: LoadKnob = { namespace: w.metadata.namespace ?? 'default', ref: `${kindString(rt)}/${w.metadata.name}`, resource: rt.plural, name: w.metadata.name ?? '' };
  let note = '';
  if (cpu) {
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(cpu);
    if (pct) {
      const template = (w.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template;
      let requests = 0;
      if (ready.length > 0) {
        for (const p of ready) {
          const r = cpuRequest(p as never);
          if (r === undefined) throw new KubectlError(`${knob.ref}: --cpu as a percentage needs CPU requests on every container`);
          requests += r;
        }
      } else {
        const r = cpuRequest(template as never);
        if (r === undefined) throw new KubectlError(`${knob.ref}: --cpu as a percentage needs CPU requests on every container`);
        requests = r * ((w.spec as { replicas?: number }).replicas ?? 1);
      }
      knob.cpu = (Number(pct[1]) / 100) * requests;
      note = ` (${cpu} of ${requests}m requested by ${ready.length} ready pod${ready.length === 1 ? '' : 's'})`;
    } else knob.cpu = quantity('cpu', cpu);
  }
  if (memory) knob.memory = quantity('memory', memory);
  load.set(knob);
  return `${knob.ref}: load set to ${describeKnob(knob)}${note}\n`;
}

registerLabCommand({
  name: 'load',
  short: 'Offer CPU or memory load to a workload (for autoscaling)',
  help,
  flags: [
    { name: 'cpu', type: 'string', help: 'Total CPU: a percentage of the CPU requests (80%) or a quantity (300m)' },
    { name: 'memory', type: 'string', help: 'Total extra memory (200Mi)' },
    { name: 'off', type: 'bool', help: 'Stop the load' },
    ...urlLoadFlags,
  ],
  run(ctx, args) {
    if (isUrlLoad(args.positional[0])) return runUrlLoad(ctx, args);
    const load = ctx.rt.service<LoadApi>(LOAD_SERVICE);
    if (!load) throw new KubectlError('the metrics pipeline is not running');
    if (args.positional.length === 0) {
      const knobs = load.all();
      if (knobs.length === 0) ctx.out('No load offered.\n');
      for (const k of knobs) ctx.out(`${k.namespace}\t${k.ref}\t${describeKnob(k)}\n`);
      return 0;
    }
    const cpu = args.str('cpu');
    const memory = args.str('memory');
    const off = args.bool('off');
    if (!off && !cpu && !memory) throw new KubectlError('one of --cpu, --memory or --off is required');
    if (off && (cpu || memory)) throw new KubectlError('--off cannot be combined with --cpu or --memory');
    const r = resolveResources(ctx.api, { args: args.positional, namespace: ctx.namespace });
    if (r.errors.length > 0) throw r.errors[0];
    for (const info of r.infos) {
      for (const w of info.objects) {
        if (!supported.has(info.rt.kind)) throw new KubectlError(`cannot load a ${info.rt.kind}: only workloads with pods (deployments, replica sets, stateful sets, replication controllers, daemon sets)`);
        if (off) {
          const had = load.clear(w.metadata.namespace ?? 'default', info.rt.plural, w.metadata.name ?? '');
          ctx.out(`${kindString(info.rt)}/${w.metadata.name}: ${had ? 'load stopped' : 'no load was offered'}\n`);
        } else ctx.out(setLoad(ctx, info.rt, w, cpu, memory, load));
      }
    }
    return 0;
  },
});
