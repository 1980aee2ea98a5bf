/** Date and duration text as container tools print it. */
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** `date` with no format: `Wed Jan  1 00:00:05 UTC 2025` (coreutils and busybox agree). */
export function unixDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** strftime subset for `date +FORMAT`. */
export function strftime(fmt: string, unixMs: number): string {
  const d = new Date(unixMs);
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'H': return p2(d.getUTCHours());
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 's': return String(Math.floor(unixMs / 1000));
      case 'N': return String((unixMs % 1000) * 1_000_000).padStart(9, '0');
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'a': return days[d.getUTCDay()];
      case 'b': return months[d.getUTCMonth()];
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** nginx / Go log prefix: `2025/01/01 00:00:05`. */
export function slashDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Common log format time: `01/Jan/2025:00:00:05 +0000`. */
export function clfDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${p2(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** Apache error-log time: `Wed Jan 01 00:00:05.123456 2025`. */
export function apacheDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}${String((unixMs * 7) % 1000).padStart(3, '0')} ${d.getUTCFullYear()}`;
}

/** Redis log time: `01 Jan 2025 00:00:05.123`. */
export function redisDate(unixMs: number): string {
  const d = new Date(unixMs);
  return `${p2(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** ISO-ish with space: `2025-01-01 00:00:05` (MySQL entrypoint, PostgreSQL). */
export function isoSpace(unixMs: number): string {
  return new Date(unixMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Go's time.Duration.String() for a whole number of milliseconds (what the kubelet prints after Truncate(ms)). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = ms;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let sText = s.toFixed(3).replace(/\.?0+$/, '');
  if (sText === '') sText = '0';
  if (h > 0) return `${h}h${m}m${sText}s`;
  if (m > 0) return `${m}m${sText}s`;
  return `${sText}s`;
}
