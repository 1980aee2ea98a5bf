/**
 * describe.go's building blocks: the PrefixWriter (two spaces per level) over a Go tabwriter configured as
 * tabbedString does (minwidth 0, padding 2), and the shared sections: multi-line labels, annotations,
 * taints/tolerations, and the Events table.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ApiServer } from '../../api/server.ts';
import { humanDuration } from '../../util/duration.ts';
import { TabWriter } from '../printers/tabwriter.ts';

export class PrefixWriter {
  private out = '';
  private readonly tw = new TabWriter((t) => (this.out += t), { minwidth: 0, padding: 2, rememberWidths: false });

  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }

  /** Flush pending lines so that what follows is aligned separately (DescribeEvents does this). */
  flush(): void {
    this.tw.flush();
  }

  done(): string {
    this.tw.flush();
    return this.out;
  }
}

export interface DescribeContext {
  api: ApiServer;
  /** Current virtual time as Unix ms. */
  nowMs: number;
  showEvents: boolean;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: `Wed, 01 Jan 2025 00:00:00 +0000`. */
export function rfc1123z(ts: string | null | undefined): string {
  const d = new Date(ts ? Date.parse(ts) : Date.UTC(1, 0, 1));
  if (!ts) d.setUTCFullYear(1);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, '0')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function since(ts: string | null | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(nowMs - Date.parse(ts));
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | null | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const maxAnnotationLen = 140;
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | null | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !skipAnnotations.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > maxAnnotationLen || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > maxAnnotationLen - 2 ? s.slice(0, maxAnnotationLen - 2) + '...' : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${k}: ${value}\n`);
  });
}

interface TaintLike {
  key?: string;
  value?: string;
  effect?: string;
  operator?: string;
  tolerationSeconds?: number;
}

/** printTaintsMultilineWithIndent / printTolerationsMultilineWithIndent. */
export function printTaintsOrTolerations(w: PrefixWriter, title: string, items: readonly TaintLike[] | undefined, tolerations: boolean): void {
  w.write(0, `${title}:\t`);
  const list = [...(items ?? [])];
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  if (tolerations) list.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (tolerations && t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (tolerations && t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** The events whose involvedObject is `obj` (by kind, name, namespace, and uid when the event has one). */
export function eventsFor(api: ApiServer, obj: KubeObject): Event[] {
  const ns = obj.metadata.namespace;
  const out: Event[] = [];
  const candidates = ns ? api.list('events', ns) : api.list('events');
  for (const o of candidates) {
    const e = o as unknown as Event;
    const io = e.involvedObject ?? {};
    if (io.kind !== obj.kind || io.name !== obj.metadata.name) continue;
    if (ns && io.namespace !== ns) continue;
    if (io.uid && obj.metadata.uid && io.uid !== obj.metadata.uid && obj.kind !== 'Node') continue;
    out.push(e);
  }
  return out;
}

/** DescribeEvents: a separately aligned table sorted by last timestamp; `Events:  <none>` when empty. */
export function describeEvents(w: PrefixWriter, events: Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? ''));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** printController: `Kind/name` of the controlling owner, or ''. */
export function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
