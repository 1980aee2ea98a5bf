import type { ConnectOutcome } from '../../images/shell/net/types.ts';
import type { Trace } from './trace.ts';

function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms < 0.1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
}

export function outcomeText(o: ConnectOutcome): string {
  switch (o.kind) {
    case 'http':
      return `HTTP ${o.status}`;
    case 'open':
      return `connected to ${o.ip}`;
    case 'echo':
      return `echo reply from ${o.ip} (ttl ${o.ttl})`;
    case 'nxdomain':
      return `NXDOMAIN: ${o.name} does not resolve`;
    case 'dns-timeout':
      return `DNS timeout: no DNS server answered for ${o.name}`;
    case 'refused':
      return `connection refused (${o.ip})`;
    case 'reset':
      return `connection reset by peer (${o.ip})`;
    case 'timeout':
      return `timed out after ${fmtMs(o.afterMs)} (${o.ip}): the packets were dropped`;
    case 'unreachable':
      return `no route to host (${o.ip})`;
    case 'closed':
      return `connection closed without a reply (${o.ip})`;
    case 'tls-failed':
      return `TLS handshake failed (${o.reason === 'cert-required' ? 'client certificate required' : o.reason === 'wrong-version' ? 'the server does not speak TLS' : 'aborted by the server'}) (${o.ip})`;
  }
}

/** `lab trace` text: one numbered line per step with its time, details indented under it. */
export function renderTrace(t: Trace): string {
  let out = `Trace #${t.id}  ${t.tool} ${t.target}\n  from ${t.from}  at ${t.time}\n\n`;
  t.steps.forEach((s, i) => {
    const mark = s.ok ? ' ' : '✗';
    out += `${String(i + 1).padStart(2)}. ${mark} ${s.kind.padEnd(7)} ${s.title}  (${fmtMs(s.ms)})\n`;
    for (const d of s.detail) out += `              ${d}\n`;
  });
  out += `\nResult: ${outcomeText(t.outcome)} in ${fmtMs(t.totalMs)}\n`;
  return out;
}

/** One line per trace for `lab trace --list`. */
export function renderTraceList(ts: Trace[]): string {
  if (!ts.length) return 'No traces recorded yet.\n';
  const rows = ts.map((t) => [`#${t.id}`, t.time, t.tool, t.from, t.target, outcomeText(t.outcome)]);
  const head = ['ID', 'TIME', 'TOOL', 'FROM', 'TARGET', 'RESULT'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('') + '\n';
  return line(head) + rows.map(line).join('');
}
