import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../../kubectl/errors.ts';
import { SCHEDULER_SERVICE, type SchedulerService } from '../../scheduler/api.ts';
import type { SchedulingExplanation } from '../../scheduler/explain.ts';
import { podInfo } from '../../scheduler/podinfo.ts';
import { registerLabCommand } from '../command.ts';

const HELP =
  'Explain how the scheduler placed a pod (or why it could not): for every node it looked at, each Filter\n' +
  "plugin's verdict (plugin, code, reason); for every feasible node, each Score plugin's raw and normalized\n" +
  'score, its weight and weighted score, and the total; and the node picked. For a bound pod this is the\n' +
  'attempt that placed it, for a pending pod its last attempt.\n\n' +
  'For comparison it also prints the two classic priority functions (0-10 scale) next to the plugins that\n' +
  'replaced them: least-requested (cpu((capacity-requested)*10/capacity) + memory(...))/2 beside\n' +
  'NodeResourcesFit (LeastAllocated), and balanced-resource 10 - abs(cpuFraction-memoryFraction)*10 beside\n' +
  'NodeResourcesBalancedAllocation, computed on the nodes as they are now.\n\n' +
  'Examples:\n  lab explain-scheduling pod/web-0\n  lab explain-scheduling web-0 -n shop -o json\n\n' +
  "Options:\n    -o, --output='': Output format: json, or empty for text.\n\n" +
  'Usage:\n  lab explain-scheduling pod/NAME [-n NAMESPACE] [-o json] [options]\n';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 2))).join('').trimEnd() + '\n';
  return line(head) + rows.map(line).join('');
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** The seed slides' two classic priority functions, on a 0-10 scale, for one node with the pod placed on it. */
export function classicScores(cpuReq: number, cpuCap: number, memReq: number, memCap: number): { leastRequested: number; balanced: number } {
  const least = (req: number, cap: number) => (cap === 0 || req > cap ? 0 : ((cap - req) * 10) / cap);
  const cpuFraction = cpuCap === 0 ? 1 : cpuReq / cpuCap;
  const memFraction = memCap === 0 ? 1 : memReq / memCap;
  return {
    leastRequested: (least(cpuReq, cpuCap) + least(memReq, memCap)) / 2,
    balanced: cpuFraction >= 1 || memFraction >= 1 ? 0 : 10 - Math.abs(cpuFraction - memFraction) * 10,
  };
}

function renderText(x: SchedulingExplanation, pod: KubeObject, svc: SchedulerService): string {
  const a = svc.lastAttempt(pod.metadata.namespace ?? 'default', pod.metadata.name!)!;
  let out = `Pod:        ${x.pod}\n`;
  out += `Attempt:    #${a.attempt} at ${a.time}\n`;
  out += `Result:     ${x.selectedNode ? `scheduled to ${x.selectedNode}` : a.outcome}\n`;
  if (a.message) out += `Message:    ${a.message}\n`;
  out += `Nodes:      ${a.numAllNodes} in the cluster, ${a.evaluatedNodes} filtered, ${a.feasibleNodes} feasible (enough feasible nodes: ${a.numNodesToFind})\n`;
  out += '\nFilters (in order; the first rejection ends a node\'s checks):\n';
  const frows: string[][] = [];
  for (const n of x.nodes) {
    const last = n.filters[n.filters.length - 1];
    const rejected = last && last.code !== 'Success' && last.code !== 'Skip';
    frows.push([n.name, rejected ? last.plugin : 'all passed', rejected ? last.code : 'Success', rejected ? last.reason : '']);
  }
  out += table(['NODE', 'PLUGIN', 'CODE', 'REASON'], frows);
  const scored = x.nodes.filter((n) => n.scores.length > 0);
  if (scored.length > 0) {
    out += '\nScores (weighted = normalized x weight):\n';
    const srows: string[][] = [];
    for (const n of scored) {
      for (const s of n.scores) srows.push([n.name, s.plugin, fmt(s.raw), fmt(s.normalized), fmt(s.weight), fmt(s.weighted)]);
      srows.push([n.name, 'TOTAL', '', '', '', fmt(n.total) + (n.name === x.selectedNode ? '  <- picked' : '')]);
    }
    out += table(['NODE', 'PLUGIN', 'RAW', 'NORMALIZED', 'WEIGHT', 'WEIGHTED'], srows);
    out += '\nClassic priority functions (0-10, nodes as they are now) beside the plugins that replaced them:\n';
    const info = podInfo(pod);
    const boundTo = svc.podOnNode(pod.metadata.uid ?? '');
    const crows: string[][] = [];
    for (const n of scored) {
      const r = svc.nodeResources(n.name);
      if (!r) continue;
      const mine = boundTo === n.name;
      const nzCPU = r.nonZeroCPU + (mine ? 0 : info.nonZero.milliCPU);
      const nzMem = r.nonZeroMem + (mine ? 0 : info.nonZero.memory);
      const c = classicScores(nzCPU, r.allocCPU, nzMem, r.allocMem);
      const fit = n.scores.find((s) => s.plugin === 'NodeResourcesFit');
      const bal = n.scores.find((s) => s.plugin === 'NodeResourcesBalancedAllocation');
      crows.push([n.name, c.leastRequested.toFixed(2), fit ? String(fit.normalized) : '-', c.balanced.toFixed(2), bal ? String(bal.normalized) : '-']);
    }
    out += table(['NODE', 'LEAST-REQUESTED', 'NodeResourcesFit', 'BALANCED-RESOURCE', 'BalancedAllocation'], crows);
  }
  return out;
}

/** `lab explain-scheduling pod/NAME`: the scheduler's reasoning for one pod, node by node. */
registerLabCommand({
  name: 'explain-scheduling',
  short: "Explain the scheduler's decision for a pod, node by node",
  help: HELP,
  flags: [{ name: 'output', short: 'o', type: 'string' }],
  run(ctx, args) {
    const [target, ...rest] = args.positional;
    if (!target || rest.length > 0) throw new KubectlError('exactly one pod is required: lab explain-scheduling pod/NAME');
    const slash = target.indexOf('/');
    const kind = slash >= 0 ? target.slice(0, slash) : 'pod';
    const name = slash >= 0 ? target.slice(slash + 1) : target;
    if (!['pod', 'pods', 'po'].includes(kind.toLowerCase())) throw new KubectlError(`only pods are scheduled: ${target}`);
    const output = args.str('output');
    if (output && output !== 'json') throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json`);
    const pod = ctx.api.get('pods', ctx.namespace, name);
    const svc = ctx.rt.service<SchedulerService>(SCHEDULER_SERVICE);
    const x = svc?.explain(ctx.namespace, name);
    if (!svc || !x) {
      const bound = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      ctx.err(
        bound
          ? `error: pod/${name} was not placed by the scheduler in this session (spec.nodeName was set to ${bound}, or the record was dropped)\n`
          : `error: the scheduler has not tried to place pod/${name} yet\n`,
      );
      return 1;
    }
    ctx.out(output === 'json' ? JSON.stringify(x, null, 2) + '\n' : renderText(x, pod, svc));
    return 0;
  },
});
