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
import { goSort } from './gosort.ts';

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

/**
 * printTaintsMultilineWithIndent (sorted by effect then key; Taint.ToString) and
 * printTolerationsMultilineWithIndent (sorted by key), both with Go's sort.Slice.
 */
export function printTaintsOrTolerations(w: PrefixWriter, title: string, items: readonly TaintLike[] | undefined, tolerations: boolean): void {
  w.write(0, `${title}:\t`);
  const list = [...(items ?? [])];
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  if (tolerations) goSort(list, (a, b) => (a.key ?? '') < (b.key ?? ''));
  else goSort(list, (a, b) => `${a.effect ?? ''},${a.key ?? ''}` < `${b.effect ?? ''},${b.key ?? ''}`);
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, (tolerations ? tolerationString(t) : taintString(t)) + '\n');
  });
}

/** Taint.ToString. */
function taintString(t: TaintLike): string {
  const key = t.key ?? '';
  if (!t.effect) return t.value ? `${key}=${t.value}:` : key;
  return t.value ? `${key}=${t.value}:${t.effect}` : `${key}:${t.effect}`;
}

function tolerationString(t: TaintLike): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

/**
 * searchEvents: the events whose involvedObject has the object's name, namespace, kind and uid (the field
 * selector kubectl sends), in the API's list order. The pod describer leaves the kind out; the node
 * describer runs a second search with the node's name as uid (kubelet events) and appends its results.
 */
export function eventsFor(api: ApiServer, obj: KubeObject): Event[] {
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  const candidates = ns ? api.list('events', ns) : api.list('events');
  const search = (kind: string | undefined, uid: string | undefined): Event[] =>
    candidates
      .map((o) => o as unknown as Event)
      .filter((e) => {
        const io = e.involvedObject ?? {};
        return (io.name ?? '') === name && (io.namespace ?? '') === ns && (kind === undefined || (io.kind ?? '') === kind) && (!uid || (io.uid ?? '') === uid);
      });
  if (obj.kind === 'Pod') {
    const mirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'];
    return search(undefined, mirror ?? obj.metadata.uid);
  }
  const found = search(obj.kind, obj.metadata.uid);
  if (obj.kind === 'Node') found.push(...search(obj.kind, name));
  return found;
}

const timeOf = (ts: string | null | undefined): number => (ts ? Date.parse(ts) : -Infinity);

/**
 * DescribeEvents: a separately aligned table sorted by last timestamp with Go's (unstable) sort.Sort, as
 * kubectl does; `Events:  <none>` when empty.
 */
export function describeEvents(w: PrefixWriter, events: Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => timeOf(a.lastTimestamp) < timeOf(b.lastTimestamp));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
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
