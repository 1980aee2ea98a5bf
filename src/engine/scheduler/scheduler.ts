import type { PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { Rng } from '../util/rng.ts';
import { Cycle } from './cycle.ts';
import { CycleState } from './framework/cycle-state.ts';
import { Framework } from './framework/framework.ts';
import type { Handle } from './framework/interfaces.ts';
import { defaultProfile, type Profile } from './framework/profile.ts';
import { Status as StatusCtor, type Status } from './framework/status.ts';
import type { PodInfo } from './podinfo.ts';
import { NodeTable } from './nodetable.ts';
import { SchedulingQueue, type QueueEntry } from './queue.ts';
import { PodCache } from './podcache.ts';
import { AttemptRecords } from './record.ts';
import { registry } from './registry.ts';

/** Event notes are capped at 1024 bytes; longer messages end in " ..." (upstream's truncateMessage). */
const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

const source = { component: 'default-scheduler' };

/**
 * kube-scheduler with one profile: it owns the node table, the queue and the cycle, binds pods it placed,
 * and reports failures the way upstream does (a FailedScheduling event and the PodScheduled=False condition).
 */
export class Scheduler {
  readonly table = new NodeTable();
  readonly fw: Framework;
  readonly queue: SchedulingQueue;
  readonly records = new AttemptRecords();
  readonly pods = new PodCache();
  readonly handle: Handle;
  private readonly cycle: Cycle;

  constructor(
    private readonly rt: ClusterRuntime,
    onActive: () => void,
    readonly profile: Profile = defaultProfile,
  ) {
    this.handle = { nodes: this.table, pods: this.pods, store: rt.store, api: rt.api, clock: rt.clock, events: rt.events };
    // A stream of its own, so scheduling choices do not shift with uids and names drawn elsewhere.
    this.handle.rng = new Rng(((rt.options.seed ?? 1) ^ 0x5c4ed) >>> 0);
    this.handle.fits = (pod, node) => this.fits(pod, node);
    this.fw = new Framework(profile, registry, this.handle);
    this.queue = new SchedulingQueue(this.fw, rt.clock, onActive);
    this.cycle = new Cycle(this.fw, this.handle, this.handle.rng);
  }

  /** PreFilter and Filter for one node with a fresh cycle state (preemption's "would it fit now?"). */
  private fits(pod: PodInfo, node: string): Status | undefined {
    const state = new CycleState();
    const pre = this.fw.runPreFilter(state, pod, this.handle);
    if (pre.status) return pre.status;
    const i = this.table.indexOf(node);
    if (i < 0 || (pre.nodeNames && !pre.nodeNames.has(node))) return new StatusCtor('UnschedulableAndUnresolvable', ['node not available']);
    return this.fw.runFilters(state, pod, i, this.handle);
  }

  /** Whether this scheduler is responsible for the pod (spec.schedulerName, default "default-scheduler"). */
  responsibleFor(pod: KubeObject): boolean {
    const name = (pod.spec as { schedulerName?: string } | undefined)?.schedulerName || 'default-scheduler';
    return name === this.profile.schedulerName;
  }

  /** Schedule until the active queue is empty. */
  drain(): void {
    for (let e = this.queue.pop(); e; e = this.queue.pop()) this.scheduleOne(e);
  }

  private scheduleOne(e: QueueEntry): void {
    const pod = e.info;
    const cur = this.rt.store.get('pods', pod.namespace, pod.name);
    // The pod may have been deleted, replaced, bound by someone else or be terminating since it was queued.
    if (!cur || cur.metadata.uid !== pod.uid || (cur.spec as { nodeName?: string }).nodeName || cur.metadata.deletionTimestamp) {
      this.queue.done(e);
      return;
    }
    const r = this.cycle.run(pod, e.attempts);
    this.records.put(r.attempt);
    if (!r.ok) {
      this.handleFailure(e, cur, r.status, r.message, r.plugins, r.nominatedNodeName);
      return;
    }
    const state = new CycleState();
    const fail = (s: Status) => {
      this.fw.runUnreserve(state, pod, r.node);
      r.attempt.outcome = 'Error';
      r.attempt.message = s.message();
      this.handleFailure(e, cur, s, s.message(), new Set());
    };
    let s = this.fw.runReserve(state, pod, r.node);
    if (s) return this.handleFailure(e, cur, s, s.message(), new Set([s.plugin]));
    s = this.fw.runPermit(state, pod, r.node) ?? this.fw.runPreBind(state, pod, r.node) ?? this.fw.runBind(state, pod, r.node);
    if (s) return fail(s);
    this.queue.done(e);
    const bound = this.rt.store.get('pods', pod.namespace, pod.name) ?? cur;
    this.rt.events.normal(bound, 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${r.node}`, source);
  }

  /**
   * handleSchedulingFailure: requeue (unschedulable pool for rejections, backoff for errors), record a
   * FailedScheduling event and set PodScheduled=False with reason Unschedulable (or SchedulerError).
   */
  private handleFailure(e: QueueEntry, pod: KubeObject, status: Status, message: string, plugins: Set<string>, nominatedNodeName?: string): void {
    const rejected = status.isRejected();
    if (rejected) this.queue.addUnschedulable(e, plugins);
    else this.queue.addBackoff(e);
    this.rt.events.warning(pod, 'FailedScheduling', truncateMessage(message), source);
    const reason = rejected ? 'Unschedulable' : 'SchedulerError';
    const conds = ((pod.status as { conditions?: PodCondition[] } | undefined)?.conditions ?? []) as PodCondition[];
    const old = conds.find((c) => c.type === 'PodScheduled');
    const oldNominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName ?? '';
    const nominate = nominatedNodeName !== undefined && nominatedNodeName !== oldNominated;
    if (old && old.status === 'False' && old.reason === reason && old.message === message && !nominate) return;
    try {
      this.rt.api.modify(
        'pods',
        pod.metadata.namespace,
        pod.metadata.name!,
        (p) => {
          const status = (p.status ??= {}) as { conditions?: Array<Record<string, unknown>>; nominatedNodeName?: string };
          if (nominate) {
            if (nominatedNodeName) status.nominatedNodeName = nominatedNodeName;
            else delete status.nominatedNodeName;
          }
          const list = (status.conditions ??= []);
          const cond = {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : this.rt.clock.timestamp(),
            reason,
            message,
          };
          const k = list.findIndex((c) => c.type === 'PodScheduled');
          if (k >= 0) list[k] = cond;
          else list.push(cond);
        },
        { subresource: 'status' },
      );
    } catch {
      // The pod went away meanwhile: nothing to report on.
    }
  }
}
