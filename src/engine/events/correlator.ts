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

/** The involved object's part of upstream's keys (a correlator serves one source, so the source is left out). */
function objectKey(e: EventDraft): string {
  const o = e.involvedObject;
  return o.uid || `${o.kind ?? ''}${SEP}${o.namespace ?? ''}${SEP}${o.name ?? ''}${SEP}${o.apiVersion ?? ''}`;
}

/** getEventKey within one object: field path, type, reason and message. */
function eventKey(e: EventDraft): string {
  return `${e.reason}${SEP}${e.message}${SEP}${e.type}${SEP}${e.involvedObject.fieldPath ?? ''}`;
}

/**
 * The keys of an event type and reason in an object's map (aggregation record, combined event log), made once:
 * a handful of reasons recur for every object, and a key string used before is hashed already.
 */
const reasonKeyCache = new Map<string, Map<string, { aggregate: string; combined: string }>>();
function reasonKeys(type: string, reason: string): { aggregate: string; combined: string } {
  let byReason = reasonKeyCache.get(type);
  if (!byReason) reasonKeyCache.set(type, (byReason = new Map()));
  let k = byReason.get(reason);
  if (!k) {
    if (byReason.size >= 1024) byReason.clear();
    const aggKey = `${type}${SEP}${reason}`;
    k = { aggregate: `\u0002${aggKey}`, combined: `\u0001${aggKey}` };
    byReason.set(reason, k);
  }
  return k;
}

interface AggregateRecord {
  /**
   * Distinct messages seen (insertion order), at most AGGREGATE_MAX_EVENTS - 1 after an aggregation; a lone
   * message is kept as a string, as most objects only ever see one.
   */
  localKeys: Set<string> | string;
  lastMs: number;
}

interface EventLog {
  count: number;
  firstMs: number;
  name: string;
}

/** What one source remembers about one object: its spam token bucket, aggregation records and event log. */
interface ObjectState {
  tokens: number;
  lastMs: number;
  /**
   * One map for both caches (a Map each would double the per-object cost): aggregation records by
   * "\u0002" + type and reason (EventAggregatorByReasonFunc's key, object and source being fixed), event
   * logs by getEventKey, or by "\u0001" + type and reason for combined events.
   */
  keys: Map<string, AggregateRecord | EventLog>;
}

/**
 * One source's correlator (upstream: one per broadcaster, i.e. per component process). Upstream keeps three
 * LRU caches of 4,096 keys each; here one LRU of 4,096 objects holds each object's state, so keys are short
 * and a lookup hashes little.
 */
export class EventCorrelator {
  private readonly objects = new Lru<ObjectState>(MAX_LRU_CACHE_ENTRIES);

  /** Names a new Event for an object (`<object>.<hex unix nanos>`), as the aggregator does for combined ones. */
  constructor(private readonly nameFor: (e: EventDraft) => string) {}

  /** EventCorrelate: aggregate, then count, then filter. Undefined when the spam filter drops the event. */
  correlate(e: EventDraft, nowMs: number): Correlation | undefined {
    const objKey = objectKey(e);
    let st = this.objects.get(objKey);
    if (!st) {
      st = { tokens: SPAM_BURST, lastMs: nowMs, keys: new Map() };
      this.objects.add(objKey, st);
    }
    const { event: aggregated, key } = this.aggregate(st, e, nowMs);
    const observed = this.observe(st, aggregated, key);
    if (!this.accept(st, nowMs)) return undefined;
    return observed;
  }

  /**
   * UpdateState: remember what the server returned, under the event's own key. For an event that was not
   * combined, `observe` already logged exactly that under the same key; only a combined event adds a key.
   */
  updateState(e: EventDraft): void {
    if (!e.message.startsWith(COMBINED_PREFIX)) return;
    const st = this.objects.get(objectKey(e));
    st?.keys.set(eventKey(e), { count: e.count, firstMs: e.firstMs, name: e.name });
  }

  /** EventAggregate: the 10th distinct message within 10 minutes of the last becomes a combined event. */
  private aggregate(st: ObjectState, e: EventDraft, nowMs: number): { event: EventDraft; key: string } {
    // EventAggregatorByReasonFunc: everything but the message (the local key), plus the reporting fields,
    // which are the source's (only combined events lack them, and those never come in).
    const keys2 = reasonKeys(e.type, e.reason);
    let rec = st.keys.get(keys2.aggregate) as AggregateRecord | undefined;
    if (!rec || nowMs - rec.lastMs > AGGREGATE_INTERVAL_MS) {
      rec = { localKeys: e.message, lastMs: nowMs };
      st.keys.set(keys2.aggregate, rec);
    } else if (typeof rec.localKeys === 'string') {
      if (rec.localKeys !== e.message) rec.localKeys = new Set([rec.localKeys, e.message]);
    } else rec.localKeys.add(e.message);
    rec.lastMs = nowMs;
    const keys = rec.localKeys;
    if (typeof keys === 'string' || keys.size < AGGREGATE_MAX_EVENTS) return { event: e, key: eventKey(e) };
    // PopAny: upstream drops an arbitrary member (Go map order); the oldest keeps runs deterministic.
    keys.delete(keys.values().next().value!);
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
    return { event: combined, key: keys2.combined };
  }

  /** eventObserve: an event seen before under `key` becomes the next count of the Event first written for it. */
  private observe(st: ObjectState, e: EventDraft, key: string): Correlation {
    const last = st.keys.get(key) as EventLog | undefined;
    if (last && last.count > 0) {
      const event = { ...e, name: last.name, firstMs: last.firstMs, count: last.count + 1 };
      // Recorded even when the spam filter then drops the event, so a later write shows the skipped count.
      last.count = event.count;
      return { event, patch: true };
    }
    // Bounded as upstream's cache is (oldest first; an object rarely holds more than a handful).
    if (st.keys.size >= MAX_LRU_CACHE_ENTRIES) st.keys.delete(st.keys.keys().next().value!);
    st.keys.set(key, { count: e.count, firstMs: e.firstMs, name: e.name });
    return { event: e, patch: false };
  }

  /** EventSourceObjectSpamFilter: a token bucket per source and object (burst 25, one more every 5 minutes). */
  private accept(st: ObjectState, nowMs: number): boolean {
    st.tokens = Math.min(SPAM_BURST, st.tokens + ((nowMs - st.lastMs) / 1000) * SPAM_QPS);
    st.lastMs = nowMs;
    if (st.tokens < 1) return false;
    st.tokens -= 1;
    return true;
  }
}
