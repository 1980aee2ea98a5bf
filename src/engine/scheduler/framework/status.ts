/**
 * The result of a plugin call, as upstream's framework.Status: a code from a closed set plus reasons that are
 * shown to users verbatim ("node(s) didn't match Pod's node affinity/selector").
 *
 * `undefined` stands for Success in the hot path so that passing a filter allocates nothing.
 */
export type Code =
  | 'Success'
  | 'Error'
  /** The pod does not fit now; preemption or a cluster change may help. */
  | 'Unschedulable'
  /** The pod does not fit and preemption cannot help (e.g. a node selector mismatch). */
  | 'UnschedulableAndUnresolvable'
  /** A PreFilter/PreScore plugin has nothing to do for this pod; its Filter/Score are skipped. */
  | 'Skip'
  /** A PreEnqueue plugin holds the pod out of the active queue (e.g. scheduling gates). */
  | 'Pending'
  /** A PreBind plugin's work is under way (Kubelab's stand-in for a PreBind call that blocks until it is done). */
  | 'Wait';

export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that returned this status ('' for framework-made statuses). */
    readonly plugin = '',
  ) {}

  /** Reasons joined as upstream's Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable or UnschedulableAndUnresolvable: a rejection rather than a failure of the scheduler. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  isSkip(): boolean {
    return this.code === 'Skip';
  }
}

/** Status helpers for plugins. Statuses are immutable, so plugins may keep and return shared instances. */
export const unschedulable = (plugin: string, ...reasons: string[]) => new Status('Unschedulable', reasons, plugin);
export const unresolvable = (plugin: string, ...reasons: string[]) => new Status('UnschedulableAndUnresolvable', reasons, plugin);
export const errorStatus = (plugin: string, message: string) => new Status('Error', [message], plugin);
export const SKIP = new Status('Skip');
export const SUCCESS = new Status('Success');
export const WAIT = new Status('Wait');
