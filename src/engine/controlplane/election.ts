import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { Rng } from '../util/rng.ts';
import {
  JITTER_FACTOR,
  LEADER_ELECTION_NAMESPACE,
  LEASE_DURATION_SECONDS,
  RENEW_DEADLINE_MS,
  RETRY_PERIOD_MS,
} from './defaults.ts';

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** What an elector needs from the rest of the control plane. */
export interface ElectionEnv {
  rt: ClusterRuntime;
  /** The private random stream (uuids, jitter), so elections do not shift anyone else's draws. */
  rng: Rng;
  /** The candidate's node is up (its process runs). */
  nodeUp(node: string): boolean;
  /** etcd has quorum: Lease reads and writes succeed. */
  writable(): boolean;
  /** Create/write with the private random stream (uids, event names). */
  quietly<T>(fn: () => T): T;
  /** Record the LeaderElection event on the Lease. */
  becameLeader(lease: KubeObject, identity: string): void;
}

/**
 * One candidate of client-go's leader election (tools/leaderelection) for one Lease: the component's
 * process on one control-plane node. It runs tryAcquireOrRenew on the virtual clock: a candidate every
 * RetryPeriod with jitter (×(1 + rand·1.2)), the leader every RetryPeriod. A candidate takes the Lease only
 * when it is free or its record has not changed for leaseDurationSeconds by the candidate's own observation
 * (observedTime, not the Lease's renewTime). A leader that cannot renew for RenewDeadline stops leading
 * (kube-controller-manager and kube-scheduler then exit and are restarted as new candidates). A process on a
 * failed node simply stops; when the node recovers it starts over with a new identity.
 */
export class Elector {
  identity = '';
  leading = false;
  private running = false;
  private observedRaw = '';
  private observedTime = 0;
  private lastRenew = 0;

  constructor(
    private readonly env: ElectionEnv,
    readonly lease: string,
    readonly node: string,
  ) {}

  /** Start (or restart) the process: a new identity, then an immediate first attempt. */
  start(): void {
    this.running = true;
    this.identity = `${this.node}_${this.env.rng.uuid()}`;
    this.observedRaw = '';
    this.tick();
  }

  private schedule(ms: number): void {
    this.env.rt.clock.schedule(() => this.tick(), ms, { background: true, label: `leader-election:${this.lease}:${this.node}` });
  }

  private tick(): void {
    const { env } = this;
    const now = env.rt.clock.now();
    if (!env.nodeUp(this.node)) {
      // The machine is down: the process is gone. Watch for the node to come back.
      if (this.running) {
        this.running = false;
        this.setLeading(false);
      }
      this.schedule(RETRY_PERIOD_MS);
      return;
    }
    if (!this.running) {
      this.start();
      return;
    }
    const ok = this.tryAcquireOrRenew(now);
    if (this.leading) {
      if (ok) this.lastRenew = now;
      else if (now - this.lastRenew >= RENEW_DEADLINE_MS) {
        // "failed to renew lease ...: timed out waiting for the condition": the process exits and restarts.
        this.setLeading(false);
        this.start();
        return;
      }
      this.schedule(RETRY_PERIOD_MS);
      return;
    }
    if (ok) {
      this.lastRenew = now;
      this.setLeading(true);
      this.schedule(RETRY_PERIOD_MS);
      return;
    }
    this.schedule(RETRY_PERIOD_MS * (1 + env.rng.next() * JITTER_FACTOR));
  }

  private setLeading(v: boolean): void {
    if (this.leading === v) return;
    this.leading = v;
    if (v) {
      const lease = this.env.rt.store.get('leases', LEADER_ELECTION_NAMESPACE, this.lease);
      if (lease) this.env.becameLeader(lease, this.identity);
    }
  }

  /** client-go's tryAcquireOrRenew against a Lease lock. */
  private tryAcquireOrRenew(now: number): boolean {
    const { env } = this;
    if (!env.writable()) return false;
    const api = env.rt.api;
    const ts = env.rt.clock.microTimestamp(now);
    const existing = api.tryGet('leases', LEADER_ELECTION_NAMESPACE, this.lease);
    if (!existing) {
      const spec: LeaseSpec = {
        holderIdentity: this.identity,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        acquireTime: ts,
        renewTime: ts,
        leaseTransitions: 0,
      };
      env.quietly(() =>
        api.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.lease, namespace: LEADER_ELECTION_NAMESPACE },
          spec,
        }),
      );
      this.observe(spec, now);
      return true;
    }
    const old = (existing.spec ?? {}) as LeaseSpec;
    const raw = JSON.stringify(old);
    if (raw !== this.observedRaw) {
      this.observedRaw = raw;
      this.observedTime = now;
    }
    const holder = old.holderIdentity ?? '';
    const durationMs = (old.leaseDurationSeconds ?? LEASE_DURATION_SECONDS) * 1000;
    if (holder !== '' && holder !== this.identity && this.observedTime + durationMs > now) return false;
    const mine = holder === this.identity;
    const spec: LeaseSpec = {
      holderIdentity: this.identity,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      acquireTime: mine ? old.acquireTime : ts,
      renewTime: ts,
      leaseTransitions: mine ? old.leaseTransitions ?? 0 : (old.leaseTransitions ?? 0) + 1,
    };
    env.quietly(() =>
      api.modify('leases', LEADER_ELECTION_NAMESPACE, this.lease, (l) => {
        l.spec = { ...spec };
      }),
    );
    this.observe(spec, now);
    return true;
  }

  private observe(spec: LeaseSpec, now: number): void {
    const stored = this.env.rt.store.get('leases', LEADER_ELECTION_NAMESPACE, this.lease);
    this.observedRaw = JSON.stringify(stored?.spec ?? spec);
    this.observedTime = now;
  }
}
