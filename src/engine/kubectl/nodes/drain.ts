// The drain helper (staging/src/k8s.io/kubectl/pkg/drain/drain.go): list a node's pods through the filters,
// evict (or delete) them, and wait for them to go, on virtual time.
import { StatusError, type KubeObject } from '../../api/types.ts';
import { goDuration } from '../../images/shell/format.ts';
import { parseSelector } from '../../util/selectors.ts';
import type { KubectlContext } from '../command.ts';
import { errors as filterErrors, podDeleteStatus, shouldSkipPod, type FilterOptions, type PodDelete } from './filters.ts';

/** How long the lab lets a drain wait when no --timeout is given (kubectl would wait forever). */
export const drainWaitLimitMs = 60 * 60 * 1000;

export interface DrainOptions extends Omit<FilterOptions, 'nowMs' | 'parseTime'> {
  /** Seconds; negative uses each pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds: number;
  /** Milliseconds; 0 means no limit. */
  timeoutMs: number;
  podSelector: string;
  disableEviction: boolean;
  dry: 'none' | 'client' | 'server';
}

/** utilerrors.Aggregate's Error(): one message alone, several deduplicated in brackets. */
export function aggregateText(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** GetPodsForDeletion: the node's pods (matching --pod-selector) with the filters' verdicts, and the errors. */
export function podsForDeletion(ctx: KubectlContext, nodeName: string, o: DrainOptions): { items: PodDelete[]; errors: string[] } {
  const sel = parseSelector(o.podSelector);
  const pods = ctx.api.list('pods', undefined, { labelSelector: sel }).filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === nodeName);
  const fo: FilterOptions = { ...o, nowMs: ctx.rt.clock.now(), parseTime: (ts) => ctx.rt.clock.parse(ts) };
  const items = pods.map((pod) => ({ pod, status: podDeleteStatus(ctx.api, pod, fo) }));
  return { items, errors: filterErrors(items) };
}

interface PodRun {
  pod: KubeObject;
  phase: 'evict' | 'wait' | 'done';
  nextAt: number;
}

function qualify(pod: KubeObject): string {
  return `pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}"`;
}

/**
 * DeleteOrEvictPods: evict every pod through the Eviction API (retrying every 5 s while a
 * PodDisruptionBudget refuses with 429), or with --disable-eviction delete it, then poll each second until it
 * is gone, printing `pod/<name> evicted` (or `deleted`). Virtual time advances while waiting. Returns the
 * error messages (an aggregate), empty on success.
 */
export function deleteOrEvictPods(ctx: KubectlContext, pods: KubeObject[], o: DrainOptions): string[] {
  if (pods.length === 0) return [];
  const clock = ctx.rt.clock;
  const start = clock.now();
  const limit = o.timeoutMs > 0 ? o.timeoutMs : drainWaitLimitMs;
  const deadline = start + limit;
  const timeoutText = goDuration(limit);
  const grace = o.gracePeriodSeconds >= 0 ? o.gracePeriodSeconds : undefined;
  const usingEviction = !o.disableEviction;
  const errs: string[] = [];

  const runs: PodRun[] = pods.map((pod) => ({ pod, phase: usingEviction ? 'evict' : 'wait', nextAt: start }));
  if (!usingEviction) {
    for (const r of runs) {
      try {
        ctx.api.delete('pods', r.pod.metadata.namespace, r.pod.metadata.name!, { gracePeriodSeconds: grace, dryRun: o.dry === 'server' });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound')) return [e instanceof Error ? e.message : String(e)];
      }
    }
    if (o.dry === 'server') return [];
  }

  const finish = (r: PodRun, err?: string) => {
    r.phase = 'done';
    if (err !== undefined) errs.push(err);
  };
  const step = (r: PodRun, now: number) => {
    const { pod } = r;
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    if (r.phase === 'evict') {
      ctx.out(o.dry === 'server' ? `evicting pod ${ns}/${name} (server dry run)\n` : `evicting pod ${ns}/${name}\n`);
      if (now >= deadline) return finish(r, `error when evicting ${qualify(pod)}: global timeout reached: ${timeoutText}`);
      let failure: string | undefined;
      try {
        const res = ctx.api.evict(ns, name, { dryRun: o.dry === 'server', gracePeriodSeconds: grace });
        if (res.status === 'Failure') failure = res.message ?? 'unknown error';
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound') return finish(r);
        if (e instanceof StatusError && e.reason === 'TooManyRequests') {
          ctx.err(`error when evicting ${qualify(pod)} (will retry after 5s): ${e.message}\n`);
          r.nextAt = now + 5000;
          return;
        }
        failure = e instanceof Error ? e.message : String(e);
      }
      if (failure !== undefined) return finish(r, `error when evicting ${qualify(pod)}: ${failure}`);
      if (o.dry === 'server') return finish(r);
      r.phase = 'wait';
      r.nextAt = now;
      return step(r, now);
    }
    // waitForDelete: gone (or replaced by a pod with another uid) means done.
    const cur = ctx.api.tryGet('pods', ns, name);
    if (!cur || cur.metadata.uid !== pod.metadata.uid) {
      ctx.out(`pod/${name} ${usingEviction ? 'evicted' : 'deleted'}\n`);
      return finish(r);
    }
    if (shouldSkipPod(cur, { skipWaitForDeleteTimeoutSeconds: o.skipWaitForDeleteTimeoutSeconds, nowMs: now, parseTime: (ts) => clock.parse(ts) })) {
      ctx.out(`pod "${name}" has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping\n`);
      return finish(r);
    }
    if (now >= deadline) {
      if (usingEviction) return finish(r, `error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${timeoutText}`);
      return finish(r, 'timed out waiting for the condition');
    }
    r.nextAt = now + 1000;
  };

  for (;;) {
    const now = clock.now();
    for (const r of runs) if (r.phase !== 'done' && r.nextAt <= now) step(r, now);
    const pending = runs.filter((r) => r.phase !== 'done');
    if (pending.length === 0) break;
    if (!usingEviction && errs.length > 0) break;
    const next = Math.min(...pending.map((r) => r.nextAt));
    ctx.rt.advance(Math.max(0, next - clock.now()));
  }
  // Without eviction, one wait covers every pod: a timeout is reported once.
  return usingEviction ? errs : [...new Set(errs)];
}
