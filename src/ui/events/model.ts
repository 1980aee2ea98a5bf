import type { Event } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../engine/util/duration.ts';
import type { ObjRef } from '../state/uiStore.ts';

/** One row of the events timeline. */
export interface EventRow {
  id: string;
  type: 'Normal' | 'Warning';
  reason: string;
  /** `pod/web-1`, `node/worker-1`, `deployment.apps/web`...: kubectl's OBJECT column (lower-case kind). */
  object: string;
  /** What selecting the row selects in the inspector (the involved object, any kind). */
  ref?: ObjRef;
  namespace: string;
  message: string;
  count: number;
  /** Unix ms of the last occurrence. */
  last: number;
}

function when(e: Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}

function objectName(e: Event): string {
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  const group = (e.involvedObject?.apiVersion ?? '').split('/');
  const g = group.length === 2 ? `.${group[0]}` : '';
  return `${kind}${g}/${e.involvedObject?.name ?? ''}`;
}

/**
 * Events as rows, newest first (ties by name, so the order is stable), at most `limit` of them. `until` (Unix ms)
 * is the instant the list is read at: an event last seen after it had not happened yet and is left out (a past
 * moment viewed inside an input that waited past it, such as `sleep 30`, is replayed to that input's end).
 */
export function eventRows(events: readonly Event[], limit = 500, until?: number): EventRow[] {
  const all = events.map((e): EventRow => {
    const kind = e.involvedObject?.kind;
    const name = e.involvedObject?.name ?? '';
    const ns = e.involvedObject?.namespace;
    const ref: ObjRef | undefined = !kind || !name ? undefined : kind === 'Pod' ? { kind, name, namespace: ns ?? 'default' } : ns ? { kind, name, namespace: ns } : { kind, name };
    return {
      id: `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`,
      type: e.type === 'Warning' ? 'Warning' : 'Normal',
      reason: e.reason ?? '',
      object: objectName(e),
      ref,
      namespace: e.metadata?.namespace ?? '',
      message: (e.message ?? '').trim(),
      count: e.count ?? 1,
      last: when(e),
    };
  });
  const rows = until === undefined ? all : all.filter((r) => r.last <= until);
  rows.sort((a, b) => b.last - a.last || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return rows.slice(0, limit);
}

/** The events about one object, newest first (read at `until`, as `eventRows`). */
export function eventsFor(events: readonly Event[], ref: ObjRef, until?: number): EventRow[] {
  return eventRows(
    events.filter((e) => e.involvedObject?.kind === ref.kind && e.involvedObject?.name === ref.name && (ref.kind === 'Node' || (e.involvedObject?.namespace ?? 'default') === (ref.namespace ?? 'default'))),
    500,
    until,
  );
}

/** kubectl's AGE for a row at cluster time `nowUnixMs`. */
export function rowAge(row: EventRow, nowUnixMs: number): string {
  return humanDuration(nowUnixMs - row.last);
}
