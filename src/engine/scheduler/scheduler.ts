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
import { podInfo, type PodInfo } from './podinfo.ts';
import { NodeTable } from './nodetable.ts';
import { SchedulingQueue, type QueueEntry, type QueueFramework } from './queue.ts';
import { API_VERSION } from './config/defaults.ts';
import { resolveConfig, type EffectiveConfig } from './config/resolve.ts';

import { PodCache } from './podcache.ts';
import { AttemptRecords, type SchedulingAttempt } from './record.ts';
import { ClusterEvent } from './framework/events.ts';
import { registry } from './registry.ts';

/** Event notes are capped at 1024 bytes; longer messages end in " ..." (upstream's truncateMessage). */
const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

const source = { component: 'default-scheduler' };

/** BindPodVolumes polls its claims once a second (wait.PollUntilContextTimeout with a one-second interval). */
export const PREBIND_POLL_MS = 1_000;

/** What the binding cycle of one pod carries. */
interface Binding {
  e: QueueEntry;
  fw: Framework;
  state: CycleState;
  node: string;
  attempt: SchedulingAttempt;
}

const schedulerNameOf = (pod: KubeObject) => (pod.spec as { schedulerName?: string } | undefined)?.schedulerName || 'default-scheduler';

/**
 * kube-scheduler with one profile: it owns the node table, the queue and the cycle, binds pods it placed,
 * and reports failures the way upstream does (a FailedScheduling event and the PodScheduled=False condition).
 */
export class Scheduler {
  readonly table = new NodeTable();
  /** The first profile's framework (the queue sort and events come from it). */
  fw: Framework;
  /** Frameworks and cycles per profile (spec.schedulerName). */
  private profiles = new Map<string, { fw: Framework; cycle: Cycle }>();
  readonly queue: SchedulingQueue;
  readonly records = new AttemptRecords();
  readonly pods = new PodCache();
  readonly handle: Handle;
  /** The configuration the scheduler runs (kubescheduler.config.k8s.io/v1, defaults applied). */
  config: EffectiveConfig;

  constructor(
    private readonly rt: ClusterRuntime,
    onActive: () => void,
    readonly profile: Profile = defaultProfile,
  ) {
    this.handle = { nodes: this.table, pods: this.pods, store: rt.store, api: rt.api, clock: rt.clock, events: rt.events };
    // A stream of its own, so scheduling choices do not shift with uids and names drawn elsewhere.
    this.handle.rng = new Rng(((rt.options.seed ?? 1) ^ 0x5c4ed) >>> 0);
    this.handle.fits = (pod, node) => this.fits(pod, node);
    this.config = resolveConfig({ apiVersion: API_VERSION, kind: 'KubeSchedulerConfiguration' }, registry);
    const profiles = profile === defaultProfile ? this.config.profiles : [profile];
    this.fw = this.install(profiles);
    const current = () => this.fw;
    const router: QueueFramework = {
      get queueSort() {
        return current().queueSort;
      },
      runPreEnqueue: (info) => (this.profiles.get(schedulerNameOf(info.pod))?.fw ?? this.fw).runPreEnqueue(info),
      eventsFor: (plugin) => {
        let mask = 0;
        for (const p of this.profiles.values()) mask |= p.fw.eventsFor(plugin);
        return mask;
      },
    };
    this.queue = new SchedulingQueue(router, rt.clock, onActive);
  }

  /** Build frameworks for the profiles and make them current; returns the first. Throws before changing anything. */
  private install(profiles: Profile[]): Framework {
    const next = new Map<string, { fw: Framework; cycle: Cycle }>();
    for (const p of profiles) {
      const fw = new Framework(p, registry, this.handle);
      next.set(p.schedulerName, { fw, cycle: new Cycle(fw, this.handle, this.handle.rng!) });
    }
    this.profiles = next;
    return next.values().next().value!.fw;
  }

  /**
   * Run a new configuration (already resolved and validated). Pending pods are re-sorted among profiles: those
   * now handled are queued, those no longer handled leave the queue (they stay Pending, as with an unknown
   * schedulerName).
   */
  configure(eff: EffectiveConfig): void {
    this.fw = this.install(eff.profiles);
    this.config = eff;
    for (const pod of this.rt.store.list('pods')) {
      const spec = pod.spec as { nodeName?: string } | undefined;
      if (spec?.nodeName || pod.metadata.deletionTimestamp) continue;
      const uid = pod.metadata.uid ?? '';
      if (!this.responsibleFor(pod)) this.queue.delete(uid);
      else if (!this.queue.get(uid)) this.queue.add(podInfo(pod));
    }
  }

  /** PreFilter and Filter for one node with a fresh cycle state (preemption's "would it fit now?"). */
  private fits(pod: PodInfo, node: string): Status | undefined {
    const state = new CycleState();
    const fw = this.profiles.get(schedulerNameOf(pod.pod))?.fw ?? this.fw;
    const pre = fw.runPreFilter(state, pod, this.handle);
    if (pre.status) return pre.status;
    const i = this.table.indexOf(node);
    if (i < 0 || (pre.nodeNames && !pre.nodeNames.has(node))) return new StatusCtor('UnschedulableAndUnresolvable', ['node not available']);
    return fw.runFilters(state, pod, i, this.handle);
  }

  /** Whether this scheduler is responsible for the pod (spec.schedulerName, default "default-scheduler"). */
  responsibleFor(pod: KubeObject): boolean {
    return this.profiles.has(schedulerNameOf(pod));
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
    const prof = this.profiles.get(schedulerNameOf(cur));
    if (!prof) {
      this.queue.done(e);
      return;
    }
    const fw = prof.fw;
    const r = prof.cycle.run(pod, e.attempts);
    this.records.put(r.attempt);
    if (!r.ok) {
      this.handleFailure(e, cur, r.status, r.message, r.plugins, r.nominatedNodeName);
      return;
    }
    const state = new CycleState();
    const s = fw.runReserve(state, pod, r.node);
    if (s) return this.handleFailure(e, cur, s, s.message(), new Set([s.plugin]));
    const permit = fw.runPermit(state, pod, r.node);
    if (permit) return this.bindingFailed({ e, fw, state, node: r.node, attempt: r.attempt }, permit);
    this.bindingCycle({ e, fw, state, node: r.node, attempt: r.attempt }, 0);
  }

  /** Pods assumed on a node while a PreBind plugin waits (their requests already count there). */
  readonly assumed = new Set<string>();

  /**
   * The binding cycle from PreBind plugin `from` on: PreBind, Bind, the Scheduled event. A PreBind plugin that
   * waits (VolumeBinding until its claims are bound) parks the pod, assumed on its node, and is asked again every
   * second of virtual time, as upstream's BindPodVolumes polls.
   */
  private bindingCycle(b: Binding, from: number): void {
    const pod = b.e.info;
    const pb = b.fw.runPreBind(b.state, pod, b.node, from);
    if (pb && 'wait' in pb) return this.waitPreBind(b, pb.wait);
    if (pb) return this.bindingFailed(b, pb);
    const s = b.fw.runBind(b.state, pod, b.node);
    if (s) return this.bindingFailed(b, s);
    this.assumed.delete(pod.uid);
    this.queue.done(b.e);
    const bound = this.rt.store.get('pods', pod.namespace, pod.name);
    if (bound) this.rt.events.normal(bound, 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${b.node}`, { component: b.fw.profile.schedulerName });
  }

  private waitPreBind(b: Binding, k: number): void {
    const pod = b.e.info;
    if (!this.assumed.has(pod.uid)) {
      // AssumePod: the node counts the pod from now on, so pods scheduled meanwhile see it there.
      this.assumed.add(pod.uid);
      this.table.addPod(pod.uid, { node: b.node, requests: pod.requests, nonZero: pod.nonZero });
      this.pods.set(pod.pod, b.node);
    }
    const started = this.rt.clock.now();
    const poll = () => {
      const cur = this.rt.store.get('pods', pod.namespace, pod.name);
      if (!cur || cur.metadata.uid !== pod.uid || cur.metadata.deletionTimestamp) {
        // The pod went away: nothing to bind.
        b.fw.runUnreserve(b.state, pod, b.node);
        this.forget(pod.uid);
        this.queue.done(b.e);
        return;
      }
      const s = b.fw.checkPreBind(k, b.state, pod, b.node, this.rt.clock.now() - started);
      if (s?.code === 'Wait') {
        this.rt.clock.schedule(poll, PREBIND_POLL_MS, { label: 'scheduler:prebind' });
        return;
      }
      if (s) return this.bindingFailed(b, s);
      this.bindingCycle(b, k + 1);
    };
    this.rt.clock.schedule(poll, PREBIND_POLL_MS, { label: 'scheduler:prebind' });
  }

  /** Drop an assumed pod from the caches (upstream's ForgetPod). */
  private forget(uid: string): void {
    if (!this.assumed.delete(uid)) return;
    const cur = this.table.usageOf(uid);
    this.pods.remove(uid);
    if (cur && this.table.removePod(uid)) this.queue.moveAll(ClusterEvent.AssignedPodDelete);
  }

  /** handleBindingCycleError: Unreserve, forget the assumed pod, then the failure handling of any attempt. */
  private bindingFailed(b: Binding, s: Status): void {
    const pod = b.e.info;
    b.fw.runUnreserve(b.state, pod, b.node);
    this.forget(pod.uid);
    b.attempt.outcome = 'Error';
    b.attempt.message = s.message();
    const cur = this.rt.store.get('pods', pod.namespace, pod.name);
    if (!cur || cur.metadata.uid !== pod.uid) {
      this.queue.done(b.e);
      return;
    }
    this.handleFailure(b.e, cur, s, s.message(), new Set());
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
