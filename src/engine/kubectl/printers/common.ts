import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { humanDuration } from '../../util/duration.ts';
import type { RowContext } from './types.ts';

/**
 * `Date.parse` of an RFC 3339 timestamp, remembered: a table of thousands of objects holds few distinct
 * timestamps (objects created together share one), and parsing dominates printing them otherwise.
 */
const parsed = new Map<string, number>();
export function parseTimestamp(ts: string): number {
  let t = parsed.get(ts);
  if (t === undefined) {
    t = Date.parse(ts);
    if (parsed.size >= 8192) parsed.clear();
    parsed.set(ts, t);
  }
  return t;
}

/** AGE texts of the current print, by timestamp (cleared whenever the time printed against changes). */
const ages = new Map<string, string>();
let agesNow = Number.NaN;

/** translateTimestampSince: the AGE of a timestamp, `<unknown>` when unset. */
export function age(ts: string | null | undefined, ctx: Pick<RowContext, 'nowMs'>): string {
  if (!ts) return '<unknown>';
  if (ctx.nowMs !== agesNow) {
    ages.clear();
    agesNow = ctx.nowMs;
  }
  let s = ages.get(ts);
  if (s === undefined) {
    const t = parseTimestamp(ts);
    s = Number.isNaN(t) ? '<unknown>' : humanDuration(ctx.nowMs - t);
    if (ages.size >= 8192) ages.clear();
    ages.set(ts, s);
  }
  return s;
}

/** translateTimestampUntil. */
export function ageUntil(ts: string | null | undefined, ctx: Pick<RowContext, 'nowMs'>): string {
  if (!ts) return '<unknown>';
  return humanDuration(Date.parse(ts) - ctx.nowMs);
}

/** labels.FormatLabels: `a=b,c=d` with sorted keys, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.FormatLabelSelector: `<none>` for nil/empty, `<error>`-free text of matchLabels and expressions
 * as labels.Selector.String() renders them (requirements sorted by key).
 */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return '<none>';
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

/** labels.Selector.String() for a LabelSelector (used by Deployment's wide SELECTOR, `Selector:` in describe). */
export function labelSelectorString(sel: LabelSelector): string {
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${vals.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${vals.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** layoutContainerCells: container names and images, comma separated. */
export function containerCells(containers: ReadonlyArray<{ name?: string; image?: string }> | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}
