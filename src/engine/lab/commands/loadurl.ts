import type { KubectlContext } from '../../kubectl/command.ts';
import { parseGoDuration, type FlagSpec, type ParsedArgs } from '../../kubectl/flags.ts';
import { fortioReport, runLoad } from '../../mesh/dataplane/loadgen.ts';
import { parseHeaders, resolveSource } from '../../network/traffic/client.ts';
import { asClient, networkOf } from './netclient.ts';

/** Flags of `lab load URL` (fortio load's -qps, -t, -c, -H), next to the workload form's. */
export const urlLoadFlags: FlagSpec[] = [
  { name: 'rps', type: 'string', help: 'Requests per second in total (fortio -qps); 0: as fast as possible' },
  { name: 'duration', type: 'string', help: 'How long to send (fortio -t), e.g. 10s' },
  { name: 'connections', short: 'c', type: 'int', default: 8, help: 'Parallel connections (fortio -c)' },
  { name: 'from', type: 'string', help: 'Pod to send from (in the namespace of -n); outside the cluster when absent' },
  { name: 'header', short: 'H', type: 'stringArray', help: "Extra header, 'Name: value'" },
];

export function isUrlLoad(arg: string | undefined): boolean {
  return !!arg && /^https?:\/\//.test(arg);
}

/** `lab load URL --rps N --duration D [-c C] [--from POD] [-H 'k: v']`: HTTP load with fortio's report. */
export function runUrlLoad(ctx: KubectlContext, args: ParsedArgs): number {
  const net = networkOf(ctx);
  if (!net) return 1;
  const url = args.positional[0];
  const qps = args.str('rps') === '' ? 8 : Number(args.str('rps'));
  if (!Number.isFinite(qps) || qps < 0) {
    ctx.err(`error: invalid --rps value "${args.str('rps')}"\n`);
    return 1;
  }
  const durationMs = args.str('duration') === '' ? 5000 : parseGoDuration(args.str('duration'));
  if (durationMs === undefined || durationMs <= 0) {
    ctx.err(`error: invalid --duration value "${args.str('duration')}": a duration such as 10s\n`);
    return 1;
  }
  const connections = args.int('connections') || 8;
  return asClient(ctx, () => {
    const src = resolveSource(ctx.rt, net, args.str('from') || undefined, ctx.namespace);
    const spec = { url, qps, durationMs, connections, headers: parseHeaders(args.arr('header')) };
    ctx.out(fortioReport(spec, runLoad(ctx.rt, net, src, spec)));
    return 0;
  });
}
