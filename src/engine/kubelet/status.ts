import type { ContainerStatus, PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import type { Mut } from '../api/types.ts';

type CS = Mut<ContainerStatus>;

/** The pod phase from container states, as the kubelet's getPhase computes it (no sidecar containers). */
export function podPhase(spec: PodSpec, initStatuses: CS[], statuses: CS[], podIsTerminal: boolean): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  let pendingInit = 0;
  let failedInit = 0;
  const byName = (list: CS[], n: string) => list.find((s) => s.name === n);
  for (const c of spec.initContainers ?? []) {
    const s = byName(initStatuses, c.name);
    if (!s) {
      pendingInit++;
      continue;
    }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.containers ?? []) {
    const s = byName(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  const anyStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const goList = (names: string[]) => `[${names.join(' ')}]`;

/** Kubelet-owned pod conditions, in the order the kubelet writes them. lastTransitionTime is filled in later. */
export function podConditions(
  spec: PodSpec,
  initStatuses: CS[],
  statuses: CS[],
  phase: string,
  sandboxReady: boolean,
): Array<Mut<PodCondition>> {
  const out: Array<Mut<PodCondition>> = [];
  out.push({ type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' });

  // Initialized.
  const incomplete: string[] = [];
  const unknownInit: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknownInit.push(c.name);
    else if (!(s.state?.terminated && s.state.terminated.exitCode === 0)) incomplete.push(c.name);
  }
  const anyRegularStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (phase === 'Succeeded' && unknownInit.length === 0) out.push({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  else if (anyRegularStarted || (incomplete.length === 0 && unknownInit.length === 0)) out.push({ type: 'Initialized', status: 'True' });
  else {
    const msgs: string[] = [];
    if (unknownInit.length) msgs.push(`containers with unknown status: ${goList(unknownInit)}`);
    if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
    out.push({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') });
  }

  // ContainersReady / Ready.
  const unready: string[] = [];
  const unknown: string[] = [];
  for (const c of spec.containers ?? []) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  let ready: Mut<PodCondition>;
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') {
    ready = { type: 'Ready', status: 'False', reason: phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' };
  } else {
    const msgs: string[] = [];
    if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
    if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
    ready = msgs.length ? { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') } : { type: 'Ready', status: 'True' };
  }
  out.push(ready);
  out.push({ ...ready, type: 'ContainersReady' });
  return out;
}

/**
 * Merge freshly computed kubelet conditions with the stored ones: conditions owned by others (PodScheduled,
 * DisruptionTarget...) are kept; lastTransitionTime only moves when the status flips.
 */
export function mergeConditions(old: ReadonlyArray<PodCondition> | undefined, fresh: Array<Mut<PodCondition>>, now: string): Array<Mut<PodCondition>> {
  // A handful of conditions on each side: linear scans allocate nothing (this runs on every status write).
  const prev = (old ?? []) as Array<Mut<PodCondition>>;
  const out: Array<Mut<PodCondition>> = [];
  for (const c of fresh) {
    let p: Mut<PodCondition> | undefined;
    for (const o of prev) {
      if (o.type === c.type) p = o;
    }
    // An unchanged condition is the stored one (what the status write would share with the stored pod anyway).
    if (p && sameCondition(p, c)) {
      out.push(p);
      continue;
    }
    const lt = p && p.status === c.status ? p.lastTransitionTime : now;
    const next: Mut<PodCondition> = { type: c.type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime: lt };
    if (c.reason) next.reason = c.reason;
    if (c.message) next.message = c.message;
    out.push(next);
  }
  for (const o of prev) {
    let mine = false;
    for (const c of fresh) {
      if (c.type === o.type) {
        mine = true;
        break;
      }
    }
    if (!mine) out.push(o);
  }
  return out;
}

/** True when the stored condition `p` is what `mergeConditions` would build from `c` (its fields, nothing else). */
function sameCondition(p: PodCondition, c: PodCondition): boolean {
  if (p.status !== c.status || p.lastProbeTime !== null || p.lastTransitionTime === undefined) return false;
  if (p.reason !== (c.reason || undefined) || p.message !== (c.message || undefined)) return false;
  for (const k in p) {
    if (k !== 'type' && k !== 'status' && k !== 'lastProbeTime' && k !== 'lastTransitionTime' && k !== 'reason' && k !== 'message') return false;
  }
  return true;
}
