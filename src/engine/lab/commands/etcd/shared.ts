import { CONTROL_PLANE_SERVICE, type ControlPlaneService } from '../../../controlplane/api.ts';
import type { KubectlContext } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';

/** The control-plane model of the lab's cluster. */
export function controlPlane(ctx: KubectlContext): ControlPlaneService {
  const cp = ctx.rt.service<ControlPlaneService>(CONTROL_PLANE_SERVICE);
  if (!cp) throw new KubectlError('this cluster has no control-plane model');
  return cp;
}

/**
 * A table as etcdctl's `-w table` prints it (olekukonko/tablewriter with ALIGN_RIGHT): headers upper-cased
 * and centred, cells right-aligned, one space of padding, `+---+` borders.
 */
export function etcdTable(header: string[], rows: string[][]): string {
  const head = header.map((h) => h.toUpperCase());
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const border = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const centre = (s: string, w: number) => {
    const gap = w - s.length;
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + s + ' '.repeat(gap - left);
  };
  const line = (cells: string[]) => '|' + cells.map((c) => ` ${c} `).join('|') + '|\n';
  let out = border + line(head.map((h, i) => centre(h, widths[i]))) + border;
  for (const r of rows) out += line(r.map((c, i) => c.padStart(widths[i])));
  return out + border;
}

/** go-humanize's Bytes: SI units, one decimal below 10. */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const e = Math.min(Math.floor(Math.log(n) / Math.log(1000)), units.length - 1);
  const v = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return v < 10 ? `${v.toFixed(1)} ${units[e]}` : `${v.toFixed(0)} ${units[e]}`;
}

/** `lab etcd <group>` without a subcommand: its help. */
export function groupHelp(name: string, subs: Array<{ name: string; short: string }>, usage: string): string {
  return (
    `${name}\n\nAvailable Commands:\n` +
    subs.map((c) => `  ${c.name.padEnd(10)} ${c.short}\n`).join('') +
    `\nUsage:\n  ${usage}\n`
  );
}
