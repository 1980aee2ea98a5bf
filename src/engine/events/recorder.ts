import type { ApiServer } from '../api/server.ts';
import type { KubeObject } from '../api/types.ts';
import type { VirtualClock } from '../clock/clock.ts';
import { clone } from '../store/store.ts';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Records core/v1 Events the way client-go's recorder does: identical events (same object, type, reason,
 * message and source) are folded into one whose `count` and `lastTimestamp` advance, while the correlator's
 * LRU cache (4,096 distinct events) still remembers the first.
 */
/** client-go's maxLruCacheEntries: the event correlator remembers this many distinct events. */
export const MAX_LRU_CACHE_ENTRIES = 4096;

export class EventRecorder {
  /** Event key → name of the Event it was recorded as, least recently used first (an LRU, as upstream's). */
  private seen = new Map<string, string>();
  /**
   * Walks `seen` from its oldest entry. Map iterators skip deleted entries and see appended ones, and only
   * the oldest entry is ever evicted, so one long-lived iterator finds each victim in amortised O(1).
   */
  private readonly oldest = this.seen.keys();

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
    const api = this.api();
    const namespace = obj.metadata.namespace || 'default';
    const aggKey = [obj.metadata.uid, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const now = this.clock.timestamp();
    try {
      const existing = this.seen.get(aggKey);
      if (existing) {
        // A hit makes the entry the most recently used.
        this.seen.delete(aggKey);
        this.seen.set(aggKey, existing);
        const ev = api.tryGet('events', namespace, existing);
        if (ev) {
          const next = clone(ev);
          next.count = ((ev.count as number) ?? 1) + 1;
          next.lastTimestamp = now;
          api.update(next, { owned: true });
          return;
        }
      }
      const name = `${obj.metadata.name}.${this.suffix()}`;
      const involvedObject: Record<string, unknown> = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
      };
      if (!obj.metadata.namespace) delete involvedObject.namespace;
      if (fieldPath) involvedObject.fieldPath = fieldPath;
      // Absent fields are left out, as the API server's copy would leave them out.
      for (const k in involvedObject) if (involvedObject[k] === undefined) delete involvedObject[k];
      const event: KubeObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      // Built for this call: the API server may keep it as is.
      api.create(event, { owned: true });
      this.seen.set(aggKey, name);
      if (this.seen.size > MAX_LRU_CACHE_ENTRIES) this.seen.delete(this.oldest.next().value!);
    } catch {
      // Events are best effort, as in client-go: a failed event write never fails the caller.
    }
  }

  /** Upstream names events "<object>.<hex unix nanos>"; virtual nanoseconds keep names unique and stable. */
  private counter = 0;
  private suffix(): string {
    const nanos = BigInt(this.clock.nowUnixMs()) * 1_000_000n + BigInt(this.counter++ % 1_000_000);
    return nanos.toString(16);
  }
}
