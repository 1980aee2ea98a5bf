import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../util/duration.ts';
import { age, parseTimestamp } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { Cell, RowContext } from './types.ts';

/** The pod reason the node lifecycle controller sets on pods of unreachable nodes. */
const nodeUnreachablePodReason = 'NodeLost';

const none: readonly never[] = [];

/** `READY` texts (`1/1`, `0/2`…) built once: most pods have a handful of containers. */
const readyTexts: string[][] = [];
function readyText(ready: number, total: number): string {
  if (ready > 15 || total > 15) return `${ready}/${total}`;
  const row = (readyTexts[total] ??= []);
  return (row[ready] ??= `${ready}/${total}`);
}

function finishedAt(cs: ContainerStatus): number | undefined {
  const t = cs.lastState?.terminated?.finishedAt;
  return t ? parseTimestamp(t) : undefined;
}

function initContainerNamed(spec: Pod['spec'], name: string | undefined): Container | undefined {
  const cs = spec?.initContainers ?? none;
  for (let i = 0; i < cs.length; i++) if (cs[i].name === name) return cs[i];
  return undefined;
}

/**
 * The summary columns of one pod, written into a reused record (a table prints thousands of pods; nothing is
 * allocated per pod beyond the texts that differ from the common ones).
 */
interface Summary {
  ready: string;
  reason: string;
  restarts: string;
}
const scratch: Summary = { ready: '', reason: '', restarts: '' };

/** READY, STATUS and RESTARTS exactly as printPod computes them (pkg/printers/internalversion/printers.go). */
function summarize(pod: Pod, nowMs: number, out: Summary): void {
  const spec = pod.spec;
  const status = pod.status;
  const conditions: readonly PodCondition[] = status?.conditions ?? none;
  let restarts = 0;
  let restartableInitRestarts = 0;
  const initSpecs = spec?.initContainers ?? none;
  let totalContainers = (spec?.containers ?? none).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  let reason: string = status?.phase ?? '';
  if (status?.reason) reason = status.reason;
  // One pass over the conditions: SchedulingGated, and the Initialized / Ready conditions read below.
  let initialized = false;
  let podReady = false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    else if (c.status === 'True') {
      if (c.type === 'Initialized') initialized = true;
      else if (c.type === 'Ready') podReady = true;
    }
  }

  for (let i = 0; i < initSpecs.length; i++) if (initSpecs[i].restartPolicy === 'Always') totalContainers++;

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? none;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const fin = finishedAt(c);
    if (fin !== undefined && (lastRestart === undefined || lastRestart < fin)) lastRestart = fin;
    const restartable = initSpecs.length > 0 && initContainerNamed(spec, c.name)?.restartPolicy === 'Always';
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (fin !== undefined && (lastRestartableInitRestart === undefined || lastRestartableInitRestart < fin)) lastRestartableInitRestart = fin;
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? none;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const fin = finishedAt(c);
      if (fin !== undefined && (lastRestart === undefined || lastRestart < fin)) lastRestart = fin;
      const state = c.state;
      const term = state?.terminated;
      const wait = state?.waiting;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = podReady ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status?.reason === nodeUnreachablePodReason) reason = 'Unknown';
    else if (status?.phase !== 'Succeeded' && status?.phase !== 'Failed') reason = 'Terminating';
  }

  out.ready = readyText(readyContainers, totalContainers);
  out.reason = reason;
  out.restarts = restarts === 0 ? '0' : lastRestart !== undefined ? `${restarts} (${humanDuration(nowMs - lastRestart)} ago)` : String(restarts);
}

/** READY, STATUS and RESTARTS exactly as printPod computes them. */
export function podSummary(pod: Pod, ctx: Pick<RowContext, 'nowMs'>): { ready: string; reason: string; restarts: string } {
  const s: Summary = { ready: '', reason: '', restarts: '' };
  summarize(pod, ctx.nowMs, s);
  return s;
}

/** READINESS GATES: how many of the pod's readiness gates have a True condition, `<none>` without gates. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? none;
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? none;
  let trueConditions = 0;
  for (const g of gates) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (c?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

registerTableHandler({
  kind: 'Pod',
  columns: [
    { name: 'Name', isName: true },
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    { name: 'Age' },
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row: (o, ctx) => {
    const pod = o as unknown as Pod;
    summarize(pod, ctx.nowMs, scratch);
    const name = pod.metadata?.name ?? '';
    const created = age(pod.metadata?.creationTimestamp, ctx);
    if (!ctx.wide || ctx.omitPriority) return [name, scratch.ready, scratch.reason, scratch.restarts, created];
    const cells: Cell[] = [name, scratch.ready, scratch.reason, scratch.restarts, created];
    cells.push(pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod));
    return cells;
  },
});
