import type { Event } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../util/duration.ts';
import { age } from './common.ts';
import { registerTableHandler } from './registry.ts';
import type { RowContext } from './types.ts';

function microAge(ts: string | null | undefined, ctx: RowContext): string {
  if (!ts) return '<unknown>';
  return humanDuration(ctx.nowMs - Date.parse(ts));
}

/** formatEventSource: component, then ", host" when there is one (falling back to reporting fields). */
export function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

registerTableHandler({
  kind: 'Event',
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1, isName: true },
  ],
  row: (o, ctx) => {
    const ev = o as unknown as Event;
    let first = age(ev.firstTimestamp, ctx);
    if (!ev.firstTimestamp) first = microAge(ev.eventTime, ctx);
    let last = age(ev.lastTimestamp, ctx);
    if (!ev.lastTimestamp) last = first;
    let count = ev.count ?? 0;
    if (ev.series) {
      last = microAge(ev.series.lastObservedTime, ctx);
      count = ev.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = ev.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    const message = (ev.message ?? '').trim();
    // The server's row always holds every column; the printer hides priority columns unless -o wide.
    return [last, ev.type ?? '', ev.reason ?? '', target, io.fieldPath ?? '', eventSource(ev), message, first, count, ev.metadata?.name ?? ''];
  },
});
