import type { ApiServer } from '../api/server.ts';
import type { KubeObject } from '../api/types.ts';
import type { VirtualClock } from '../clock/clock.ts';
import { EventCorrelator, type EventDraft } from './correlator.ts';

export { MAX_LRU_CACHE_ENTRIES } from './correlator.ts';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Records core/v1 Events the way client-go's legacy recorder (tools/record) does: `makeEvent` builds the
 * Event, the broadcaster's EventCorrelator (one per source, as each component runs its own broadcaster)
 * aggregates, counts and rate-limits it, and the sink creates it or, for a repeat, patches the count,
 * lastTimestamp and message of the Event first written.
 */
export class EventRecorder {
  /**
   * Per source, by component then host ('' for none): its correlator, and the `source` object its Events
   * carry (one shared, never-changed object rather than a copy per Event).
   */
  private readonly correlators = new Map<string, Map<string, { correlator: EventCorrelator; source: EventSource }>>();

  constructor(
    private readonly api: () => ApiServer,
    private readonly clock: VirtualClock,
  ) {}

  normal(obj: KubeObject, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    this.record(obj, 'Normal', reason, message, source, fieldPath);
  }

  warning(obj: KubeObject, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    this.record(obj, 'Warning', reason, message, source, fieldPath);
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata;
    const now = this.clock.now();
    // Absent fields are left out, as the API server's copy would leave them out. Built field by field in the
    // serialised order (no `delete`, which would leave every stored Event's reference a slow dictionary object).
    const involvedObject: EventDraft['involvedObject'] & { resourceVersion?: string } = {};
    if (obj.apiVersion !== undefined) involvedObject.apiVersion = obj.apiVersion;
    if (obj.kind !== undefined) involvedObject.kind = obj.kind;
    if (meta.name !== undefined) involvedObject.name = meta.name;
    if (meta.namespace) involvedObject.namespace = meta.namespace;
    if (meta.uid !== undefined) involvedObject.uid = meta.uid;
    if (meta.resourceVersion !== undefined) involvedObject.resourceVersion = meta.resourceVersion;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const src = this.sourceState(source);
    const draft: EventDraft = {
      name: `${meta.name}.${this.suffix()}`,
      namespace: meta.namespace || 'default',
      involvedObject,
      reason,
      message,
      type,
      source: src.source,
      firstMs: now,
      lastMs: now,
      count: 1,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const correlator = src.correlator;
    const result = correlator.correlate(draft, now);
    if (!result) return;
    try {
      this.write(result.event, result.patch);
      correlator.updateState(result.event);
    } catch {
      // Events are best effort, as in client-go: a failed event write never fails the caller.
    }
  }

  private sourceState(source: EventSource): { correlator: EventCorrelator; source: EventSource } {
    let byHost = this.correlators.get(source.component);
    if (!byHost) this.correlators.set(source.component, (byHost = new Map()));
    const host = source.host ?? '';
    let st = byHost.get(host);
    if (!st) {
      st = {
        correlator: new EventCorrelator((e) => `${e.involvedObject.name}.${this.suffix()}`),
        // As the Event is stored: no host field when there is none.
        source: host ? { component: source.component, host } : { component: source.component },
      };
      byHost.set(host, st);
    }
    return st;
  }

  /** recordEvent: patch the Event a repeat belongs to (re-created with its count if it is gone), else create. */
  private write(e: EventDraft, patch: boolean): void {
    const api = this.api();
    const last = this.clock.timestamp(e.lastMs);
    if (patch) {
      const cur = api.tryGet('events', e.namespace, e.name);
      if (cur) {
        // The patch upstream sends carries count, lastTimestamp and message; the rest stays as stored.
        api.update({ ...cur, metadata: { ...cur.metadata }, count: e.count, lastTimestamp: last, message: e.message }, { owned: true });
        return;
      }
    }
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: e.name, namespace: e.namespace },
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: e.message,
      // The source's shared object (see sourceState): stored Events are never changed in place.
      source: e.source,
      firstTimestamp: this.clock.timestamp(e.firstMs),
      lastTimestamp: last,
      count: e.count,
      type: e.type,
      eventTime: null,
      reportingComponent: e.reportingComponent,
      reportingInstance: e.reportingInstance,
    };
    // Built for this call: the API server may keep it as is.
    api.create(event, { owned: true });
  }

  /**
   * Upstream names events "<object>.<hex unix nanos>"; virtual milliseconds plus a counter in the nanosecond
   * digits keep names unique and stable. Computed in two halves: the value exceeds 2^53.
   */
  private counter = 0;
  private suffix(): string {
    const ms = this.clock.nowUnixMs();
    const lowMs = ms % 0x1000000;
    const low = lowMs * 1_000_000 + (this.counter++ % 1_000_000);
    const high = ((ms - lowMs) / 0x1000000) * 1_000_000 + Math.floor(low / 0x1000000);
    const lowHex = (low % 0x1000000).toString(16);
    return high > 0 ? high.toString(16) + lowHex.padStart(6, '0') : lowHex;
  }
}
