import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../util/duration.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { RowContext } from './types.ts';

/** The pod reason the node lifecycle controller sets on pods of unreachable nodes. */
const nodeUnreachablePodReason = 'NodeLost';

function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function finishedAt(cs: ContainerStatus): number | undefined {
  const t = cs.lastState?.terminated?.finishedAt;
  return t ? Date.parse(t) : undefined;
}

/** READY, STATUS and RESTARTS exactly as printPod computes them. */
export function podSummary(pod: Pod, ctx: Pick<RowContext, 'nowMs'>): { ready: string; reason: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec?.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  let reason: string = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const fin = finishedAt(c);
    if (fin !== undefined && (lastRestart === undefined || lastRestart < fin)) lastRestart = fin;
    const restartable = isRestartableInit(initContainers.get(c.name));
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
      reason = `Init:${i}/${(spec?.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const fin = finishedAt(c);
      if (fin !== undefined && (lastRestart === undefined || lastRestart < fin)) lastRestart = fin;
      const term = c.state?.terminated;
      const wait = c.state?.waiting;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && status.reason === nodeUnreachablePodReason) reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !isTerminalPhase(status.phase)) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(ctx.nowMs - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr };
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
    const s = podSummary(pod, ctx);
    const cells = [pod.metadata?.name ?? '', s.ready, s.reason, s.restarts, age(pod.metadata?.creationTimestamp, ctx)];
    if (ctx.wide) {
      const ip = pod.status?.podIPs?.[0]?.ip || '<none>';
      const gates = pod.spec?.readinessGates ?? [];
      let readinessGates = '<none>';
      if (gates.length > 0) {
        let trueConditions = 0;
        for (const g of gates) {
          const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
          if (c?.status === 'True') trueConditions++;
        }
        readinessGates = `${trueConditions}/${gates.length}`;
      }
      cells.push(ip, pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates);
    }
    return cells;
  },
});
