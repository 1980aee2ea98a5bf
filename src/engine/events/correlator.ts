import { Lru } from './lru.ts';

/**
 * client-go's EventCorrelator (tools/record/events_cache.go), which every core/v1 event recorder (kubelet,
 * kube-controller-manager's controllers) runs before writing: it aggregates similar events, counts identical
 * ones into one Event, and rate-limits what a source may say about one object.
 */

/** maxLruCacheEntries: each cache remembers this many keys. */
export const MAX_LRU_CACHE_ENTRIES = 4096;
/** defaultAggregateMaxEvents: similar events (varying only in message) before they are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
/** defaultAggregateIntervalInSeconds: a similar event older than this starts a fresh aggregation record. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst: events a source may send about one object at once. */
export const SPAM_BURST = 25;
/** defaultSpamQPS: the spam filter's token bucket refills one event every 5 minutes. */
export const SPAM_QPS = 1 / 300;
/** EventAggregatorByReasonMessageFunc's prefix. */
export const COMBINED_PREFIX = '(combined from similar events): ';

/** The fields of an Event the correlator reads and writes. */
export interface EventDraft {
  /** `<object>.<hex unix nanos>`, given by the recorder (makeEvent); the logger swaps in a remembered name. */
  name: string;
  namespace: string;
  involvedObject: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: string;
  source: { component: string; host?: string };
  /** Virtual ms. */
  firstMs: number;
  lastMs: number;
  count: number;
  /** Empty on aggregate events, which upstream builds without the reporting fields. */
  reportingComponent: string;
  reportingInstance: string;
}

export interface Correlation {
  event: EventDraft;
  /** True when the event is a new count of one already written (upstream sends a patch). */
  patch: boolean;
}

const SEP = '\u0000';

function objectKey(e: EventDraft): string {
  const o = e.involvedObject;
  return `${e.source.component}${SEP}${e.source.host ?? ''}${SEP}${o.kind ?? ''}${SEP}${o.namespace ?? ''}${SEP}${o.name ?? ''}${SEP}${o.uid ?? ''}${SEP}${o.apiVersion ?? ''}`;
}

/** getEventKey: source, involved object (with field path), type, reason and message. */
export function eventKey(e: EventDraft): string {
  return `${objectKey(e)}${SEP}${e.involvedObject.fieldPath ?? ''}${SEP}${e.type}${SEP}${e.reason}${SEP}${e.message}`;
}

interface AggregateRecord {
  /** Distinct messages seen (insertion order), at most AGGREGATE_MAX_EVENTS - 1 after an aggregation. */
  localKeys: Set<string>;
  lastMs: number;
}

interface EventLog {
  count: number;
  firstMs: number;
  name: string;
}

interface TokenBucket {
  tokens: number;
  lastMs: number;
}

export class EventCorrelator {
  /** Names a new Event for an object (`<object>.<hex unix nanos>`), as the aggregator does for combined ones. */
  constructor(private readonly nameFor: (e: EventDraft) => string) {}

  private readonly aggregates = new Lru<AggregateRecord>(MAX_LRU_CACHE_ENTRIES);
  private readonly logs = new Lru<EventLog>(MAX_LRU_CACHE_ENTRIES);
  private readonly spam = new Lru<TokenBucket>(MAX_LRU_CACHE_ENTRIES);

  /** EventCorrelate: aggregate, then count, then filter. Undefined when the spam filter drops the event. */
  correlate(e: EventDraft, nowMs: number): Correlation | undefined {
    const objKey = objectKey(e);
    const { event: aggregated, key } = this.aggregate(e, objKey, nowMs);
    const observed = this.observe(aggregated, key);
    if (!this.accept(objKey, nowMs)) return undefined;
    return observed;
  }

  /** UpdateState: remember what the server returned, under the event's own key. */
  updateState(e: EventDraft): void {
    this.logs.add(eventKey(e), { count: e.count, firstMs: e.firstMs, name: e.name });
  }

  /** EventAggregate: the 10th distinct message within 10 minutes of the last becomes a combined event. */
  private aggregate(e: EventDraft, objKey: string, nowMs: number): { event: EventDraft; key: string } {
    // EventAggregatorByReasonFunc: everything but the message (the local key), plus the reporting fields.
    const aggKey = `${objKey}${SEP}${e.type}${SEP}${e.reason}${SEP}${e.reportingComponent}${SEP}${e.reportingInstance}`;
    let rec = this.aggregates.get(aggKey);
    if (!rec || nowMs - rec.lastMs > AGGREGATE_INTERVAL_MS) rec = { localKeys: new Set(), lastMs: nowMs };
    rec.localKeys.add(e.message);
    rec.lastMs = nowMs;
    this.aggregates.add(aggKey, rec);
    if (rec.localKeys.size < AGGREGATE_MAX_EVENTS) return { event: e, key: eventKey(e) };
    // PopAny: upstream drops an arbitrary member (Go map order); the oldest keeps runs deterministic.
    rec.localKeys.delete(rec.localKeys.values().next().value!);
    const combined: EventDraft = {
      name: this.nameFor(e),
      namespace: e.namespace,
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: COMBINED_PREFIX + e.message,
      type: e.type,
      source: e.source,
      firstMs: nowMs,
      lastMs: nowMs,
      count: 1,
      reportingComponent: '',
      reportingInstance: '',
    };
    return { event: combined, key: aggKey };
  }

  /** eventObserve: an event seen before under `key` becomes the next count of the Event first written for it. */
  private observe(e: EventDraft, key: string): Correlation {
    const last = this.logs.get(key);
    let event = e;
    const patch = last !== undefined && last.count > 0;
    if (patch) event = { ...e, name: last.name, firstMs: last.firstMs, count: last.count + 1 };
    // Recorded even when the spam filter then drops the event, so a later write shows the skipped count.
    this.logs.add(key, { count: event.count, firstMs: event.firstMs, name: event.name });
    return { event, patch };
  }

  /** EventSourceObjectSpamFilter: a token bucket per source and object (burst 25, one more every 5 minutes). */
  private accept(objKey: string, nowMs: number): boolean {
    let b = this.spam.get(objKey);
    if (!b) b = { tokens: SPAM_BURST, lastMs: nowMs };
    else {
      b.tokens = Math.min(SPAM_BURST, b.tokens + ((nowMs - b.lastMs) / 1000) * SPAM_QPS);
      b.lastMs = nowMs;
    }
    this.spam.add(objKey, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
