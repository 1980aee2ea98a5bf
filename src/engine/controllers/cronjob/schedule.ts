/**
 * CronJob schedules, as the apiserver and kube-controller-manager read them with robfig/cron/v3's
 * ParseStandard: five fields (minute hour day-of-month month day-of-week), names for months and weekdays,
 * `*`/`?`, ranges, steps, lists, the descriptors (@yearly, @annually, @monthly, @weekly, @daily, @midnight,
 * @hourly, @every <duration>) and a `TZ=`/`CRON_TZ=` prefix. Parsing here follows robfig's rules and error
 * texts (what `spec.schedule: Invalid value` prints); the next activation time is computed by cron-parser
 * on the explicit field values, with robfig's day-of-month/day-of-week rule (AND when either is `*`, else OR).
 */
import { CronExpressionParser } from 'cron-parser';

/** Go's zero time.Time (year 1) in Unix ms: what Next returns when nothing matches. */
export const zeroTime = -62135596800000;

export interface Schedule {
  /** The first activation strictly after `unixMs` (whole seconds), as Unix ms. */
  next(unixMs: number): number;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const months: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const dows: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const fieldBounds: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  months,
  dows,
];

class CronError extends Error {}

/** strconv.Atoi and robfig's mustParseInt. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) {
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  }
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

interface FieldValue {
  values: Set<number>;
  star: boolean;
}

/** robfig getRange for one comma-separated part. */
function getRange(expr: string, b: Bounds, into: FieldValue): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (single) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  if (star) into.star = true;
}

function getField(field: string, b: Bounds): FieldValue {
  const fv: FieldValue = { values: new Set(), star: false };
  for (const part of field.split(',').filter((p) => p !== '')) getRange(part, b, fv);
  return fv;
}

/** A Go duration for `@every` (time.ParseDuration), in ms; throws with Go's message. */
function parseGoDuration(orig: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const q = JSON.stringify(orig);
  let s = orig;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new CronError(`time: invalid duration ${q}`);
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(s)!;
    if (num[1] === '' && (num[2] ?? '.').length <= 1) throw new CronError(`time: invalid duration ${q}`);
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new CronError(`time: missing unit in duration ${q}`);
    if (!(unit in units)) throw new CronError(`time: unknown unit ${JSON.stringify(unit)} in duration ${q}`);
    total += Number(`${num[1] || '0'}${num[2] ?? ''}`) * units[unit];
    s = s.slice(unit.length);
  }
  return sign * total;
}

function tzOK(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** time.LoadLocation's error for a name, or undefined when the zone exists. "" and "UTC" are UTC. */
export function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (!tzOK(name)) return `unknown time zone ${name}`;
  return undefined;
}

const descriptors: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function list(fv: FieldValue): string {
  return [...fv.values].sort((a, b) => a - b).join(',');
}

function specSchedule(fields: string[], tz: string): Schedule {
  const [minute, hour, dom, month, dow] = fields.map((f, i) => getField(f, fieldBounds[i]));
  // cron-parser treats a field as a wildcard only when it is literally `*`; give it robfig's rule by writing
  // starred day fields as `*` and everything else as explicit values.
  const expr = [
    '0',
    list(minute),
    list(hour),
    dom.star ? '*' : list(dom),
    list(month),
    dow.star ? '*' : list(dow),
  ].join(' ');
  const options = tz && tz !== 'Local' ? { tz } : { tz: 'UTC' };
  return {
    next(unixMs: number): number {
      const from = Math.floor(unixMs / 1000) * 1000;
      try {
        const it = CronExpressionParser.parse(expr, { ...options, currentDate: from });
        let t = it.next().getTime();
        // cron-parser may return `from` itself when it matches; robfig's Next is strictly after.
        while (t <= unixMs) t = it.next().getTime();
        return t;
      } catch {
        // No time ever matches (e.g. February 31st): robfig returns the zero time.
        return zeroTime;
      }
    },
  };
}

/**
 * cron.ParseStandard: the schedule, or robfig's error text. `defaultTz` is the location a schedule without
 * `TZ=` runs in (the CronJob's timeZone, or UTC as kube-controller-manager's local time).
 */
export function parseStandard(spec: string, defaultTz = 'UTC'): { schedule: Schedule } | { error: string } {
  try {
    if (spec.length === 0) throw new CronError('empty spec string');
    let tz = defaultTz;
    let s = spec;
    if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
      const i = s.indexOf(' ');
      const eq = s.indexOf('=');
      const loc = i < 0 ? s.slice(eq + 1) : s.slice(eq + 1, i);
      const err = loadLocationError(loc);
      if (err) throw new CronError(`provided bad location ${loc}: ${err}`);
      tz = loc;
      s = i < 0 ? '' : s.slice(i).trim();
    }
    if (s.startsWith('@')) {
      if (s.startsWith('@every ')) {
        const raw = s.slice('@every '.length);
        let d: number;
        try {
          d = parseGoDuration(raw);
        } catch (e) {
          throw new CronError(`failed to parse duration ${s}: ${(e as Error).message}`);
        }
        const delay = Math.max(1000, Math.floor(d / 1000) * 1000);
        return { schedule: { next: (unixMs) => Math.floor(unixMs / 1000) * 1000 + delay } };
      }
      const fields = descriptors[s];
      if (!fields) throw new CronError(`unrecognized descriptor: ${s}`);
      return { schedule: specSchedule(fields.split(' '), tz) };
    }
    const fields = s.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    // Parse everything first so errors come out in robfig's order.
    fields.forEach((f, i) => getField(f, fieldBounds[i]));
    return { schedule: specSchedule(fields, tz) };
  } catch (e) {
    if (e instanceof CronError) return { error: e.message };
    throw e;
  }
}
