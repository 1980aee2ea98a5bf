import { Status } from './status.ts';

/**
 * Why nodes were rejected in one scheduling cycle (upstream's Diagnosis with its NodeToStatus map): an explicit
 * status per rejected node index, a status for nodes never evaluated because PreFilter ruled them out, the
 * plugins that rejected the pod, and the PreFilter message when PreFilter itself failed.
 */
export class Diagnosis {
  /** Status by node index; only indices listed in `failed[0..failedCount)` are set. */
  private byIndex: Array<Status | undefined> = [];
  failed = new Int32Array(16);
  failedCount = 0;
  /** Status of nodes absent from the explicit map (upstream's AbsentNodesStatus); undefined when none are absent. */
  absentStatus: Status | undefined;
  preFilterMsg = '';
  readonly unschedulablePlugins = new Set<string>();

  reset(): void {
    for (let k = 0; k < this.failedCount; k++) this.byIndex[this.failed[k]] = undefined;
    this.failedCount = 0;
    this.absentStatus = undefined;
    this.preFilterMsg = '';
    this.unschedulablePlugins.clear();
  }

  set(i: number, status: Status): void {
    if (this.byIndex[i] === undefined) {
      if (this.failedCount === this.failed.length) {
        const f = new Int32Array(this.failed.length * 2);
        f.set(this.failed);
        this.failed = f;
      }
      this.failed[this.failedCount++] = i;
    }
    this.byIndex[i] = status;
    if (status.plugin && status.isRejected()) this.unschedulablePlugins.add(status.plugin);
  }

  /** The node's status: explicit, else the absent-node status, else undefined (it passed or was not reached). */
  get(i: number): Status | undefined {
    return this.byIndex[i] ?? this.absentStatus;
  }

  /** Explicit statuses only. */
  explicit(i: number): Status | undefined {
    return this.byIndex[i];
  }
}

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * The FitError message, byte for byte as framework.FitError.Error() in 1.32:
 * "0/N nodes are available: <PreFilterMsg>. | <sorted histogram>. <PostFilterMsg>".
 * The histogram counts each reason once per node ("2 Insufficient cpu"); entries are sorted as strings,
 * count prefix included, as Go's sort.Strings does.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis, postFilterMsg = ''): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (let k = 0; k < d.failedCount; k++) {
      for (const r of d.explicit(d.failed[k])!.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.failedCount;
    if (d.absentStatus && absent > 0) for (const r of d.absentStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort(goStringLess);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

/** Byte-wise string order (Go's sort.Strings); differs from localeCompare. */
export function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Convenience for tests and PostFilter: a status with the given code and reasons. */
export function statusOf(code: Status['code'], ...reasons: string[]): Status {
  return new Status(code, reasons);
}
