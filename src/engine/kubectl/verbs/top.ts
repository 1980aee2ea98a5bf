// `kubectl top node|pod` (staging/src/k8s.io/kubectl/pkg/cmd/top, pkg/metricsutil/metrics_printer.go):
// resource usage from the metrics.k8s.io API the lab's metrics-server serves.
import type { Node } from 'kubernetes-types/core/v1';
import { notFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import { cpuMilliValue, cpuNanos, METRICS_SERVICE, type MetricsApi, type PodMetrics } from '../../metrics/types.ts';
import { parseQuantity } from '../../util/quantity.ts';
import { defaultFieldLabels, parseFieldSelector, parseSelector } from '../../util/selectors.ts';
import { registerCommand, type CommandSpec, type KubectlContext } from '../command.ts';
import { goSort } from '../describe/gosort.ts';
import { KubectlError } from '../errors.ts';
import type { ParsedArgs } from '../flags.ts';
import { TabWriter } from '../printers/tabwriter.ts';

const topHelp =
  'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** Go's time.Duration.String for a whole number of milliseconds (`5m3.25s`, `1h0m0s`). */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = rest % 1000;
  const sec = frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : String(s);
  return `${neg ? '-' : ''}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}s`;
}

/** metricsCreationDelay: a pod younger than this may simply not have been scraped yet. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;
const MiB = 1024 * 1024;

function metricsApi(ctx: KubectlContext): MetricsApi {
  const api = ctx.rt.service<MetricsApi>(METRICS_SERVICE);
  if (!api?.available()) throw new KubectlError('Metrics API not available');
  return api;
}

function checkSortBy(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
}

/** Lines through Go's tabwriter as printers.GetNewTabWriter configures it (every cell tab-terminated). */
function table(ctx: KubectlContext, rows: string[][]): void {
  let out = '';
  const tw = new TabWriter((t) => (out += t));
  for (const r of rows) tw.write(r.map((c) => `${c}\t`).join('') + '\n');
  tw.flush();
  ctx.out(out);
}

const cpuText = (milli: number) => `${milli}m`;
const memText = (bytes: number) => `${Math.floor(bytes / MiB)}Mi`;

function runTopNode(ctx: KubectlContext, args: ParsedArgs): number {
  if (args.positional.length > 1) throw new KubectlError(`node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples`);
  const name = args.positional[0] ?? '';
  const sortBy = args.str('sort-by');
  checkSortBy(sortBy);
  if (name && args.str('selector')) throw new KubectlError('only one of NAME or --selector can be provided');
  const selector = parseSelector(args.str('selector'));
  const api = metricsApi(ctx);
  let metrics;
  if (name) {
    const m = api.getNode(name);
    if (!m) throw notFound({ plural: 'nodes', group: 'metrics.k8s.io', kind: 'NodeMetrics' }, name);
    metrics = [m];
  } else metrics = api.listNodes().filter((m) => selector.matches(m.labels));
  if (metrics.length === 0) throw new KubectlError('metrics not available yet');
  const nodes: KubeObject[] = name ? [ctx.api.get('nodes', undefined, name)] : ctx.api.list('nodes', undefined, { labelSelector: selector });
  const allocatable = new Map(nodes.map((n) => [n.metadata.name ?? '', (n as unknown as Node).status?.allocatable as Record<string, string> | undefined]));
  goSort(metrics, (a, b) => (sortBy === 'cpu' ? cpuMilliValue(a.cpu) > cpuMilliValue(b.cpu) : sortBy === 'memory' ? a.memory > b.memory : a.name < b.name));
  const rows: string[][] = args.bool('no-headers') ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
  const percent = (used: number, avail: string | undefined) => {
    const a = avail === undefined ? 0 : parseQuantity(avail).milliValue;
    return `${a === 0 ? 0 : Math.trunc((used / a) * 100)}%`;
  };
  for (const m of metrics) {
    const alloc = allocatable.get(m.name);
    const cpu = cpuMilliValue(m.cpu);
    const row = [m.name, cpuText(cpu)];
    if (alloc) row.push(percent(cpu, alloc.cpu));
    row.push(memText(m.memory));
    if (alloc) row.push(percent(m.memory * 1000, alloc.memory));
    rows.push(row);
    allocatable.delete(m.name);
  }
  // Nodes without metrics (NotReady kubelets) are listed with unknown usage.
  for (const n of allocatable.keys()) rows.push([n, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  table(ctx, rows);
  return 0;
}

/** The summed usage of a pod's containers, as resource.Quantity addition gives it. */
function podTotals(m: PodMetrics): { cpu: number; memory: number } {
  let nanos = 0;
  let memory = 0;
  for (const c of m.containers) {
    nanos += cpuNanos(c.cpu);
    memory += c.memory;
  }
  return { cpu: Math.ceil(nanos / 1e6), memory };
}

function runTopPod(ctx: KubectlContext, args: ParsedArgs): number {
  if (args.positional.length > 1) throw new KubectlError(`pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples`);
  const name = args.positional[0] ?? '';
  const sortBy = args.str('sort-by');
  checkSortBy(sortBy);
  if (name && (args.str('selector') || args.str('field-selector'))) throw new KubectlError('only one of NAME or selector can be provided');
  const selector = parseSelector(args.str('selector'));
  const fieldSelector = parseFieldSelector(args.str('field-selector'));
  const all = args.bool('all-namespaces');
  const api = metricsApi(ctx);
  let metrics: PodMetrics[];
  if (name) {
    const m = api.getPod(ctx.namespace, name);
    if (!m) throw notFound({ plural: 'pods', group: 'metrics.k8s.io', kind: 'PodMetrics' }, name);
    metrics = [m];
  } else {
    metrics = api.listPods(all ? undefined : ctx.namespace).filter((m) => {
      if (!selector.matches(m.labels)) return false;
      const meta = { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics', metadata: { name: m.name, namespace: m.namespace } };
      return fieldSelector.matches(meta, defaultFieldLabels);
    });
  }
  if (metrics.length === 0) {
    // Pods too young to have been scraped explain an empty answer; otherwise say which pod has none.
    const pods = ctx.api.list('pods', ctx.namespace, { labelSelector: selector, fieldSelector });
    const nowMs = ctx.rt.clock.nowUnixMs();
    for (const p of pods) {
      const age = nowMs - Date.parse(p.metadata.creationTimestamp ?? '');
      if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDurationString(age)}`);
    }
    if (pods.length > 0) throw new KubectlError('metrics not available yet');
    ctx.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  const containers = args.bool('containers');
  const totals = new Map(metrics.map((m) => [m, podTotals(m)]));
  goSort(metrics, (a, b) => {
    if (sortBy === 'cpu') return totals.get(a)!.cpu > totals.get(b)!.cpu;
    if (sortBy === 'memory') return totals.get(a)!.memory > totals.get(b)!.memory;
    if (all && a.namespace !== b.namespace) return a.namespace < b.namespace;
    return a.name < b.name;
  });
  const rows: string[][] = [];
  if (!args.bool('no-headers')) rows.push([...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
  for (const m of metrics) {
    const ns = all ? [m.namespace] : [];
    if (containers) {
      const cs = goSort([...m.containers], (a, b) => (sortBy === 'cpu' ? cpuMilliValue(a.cpu) > cpuMilliValue(b.cpu) : sortBy === 'memory' ? a.memory > b.memory : a.name < b.name));
      for (const c of cs) rows.push([...ns, m.name, c.name, cpuText(cpuMilliValue(c.cpu)), memText(c.memory)]);
    } else {
      const t = totals.get(m)!;
      rows.push([...ns, m.name, cpuText(t.cpu), memText(t.memory)]);
    }
  }
  if (args.bool('sum')) {
    let cpu = 0;
    let memory = 0;
    for (const t of totals.values()) {
      cpu += t.cpu;
      memory += t.memory;
    }
    const width = 3 + (all ? 1 : 0) + (containers ? 1 : 0);
    rows.push([...Array(width - 2).fill(''), '________', '________']);
    rows.push([...Array(width - 3).fill(''), '', cpuText(cpu), memText(memory)]);
  }
  table(ctx, rows);
  return 0;
}

const common = [
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'sort-by', type: 'string' as const },
  { name: 'no-headers', type: 'bool' as const },
  { name: 'use-protocol-buffers', type: 'bool' as const, default: true },
];

const subcommands: CommandSpec[] = [
  {
    name: 'node',
    aliases: ['nodes', 'no'],
    short: 'Display resource (CPU/memory) usage of nodes',
    flags: [...common, { name: 'show-capacity', type: 'bool' }],
    run: runTopNode,
  },
  {
    name: 'pod',
    aliases: ['pods', 'po'],
    short: 'Display resource (CPU/memory) usage of pods',
    flags: [
      ...common,
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'containers', type: 'bool' },
      { name: 'field-selector', type: 'string' },
      { name: 'sum', type: 'bool' },
    ],
    run: runTopPod,
  },
];

registerCommand({
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  help: topHelp,
  subcommands,
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(topHelp);
      return 0;
    }
    throw new KubectlError(`unknown command "${args.positional[0]}" for "kubectl top"`);
  },
});
