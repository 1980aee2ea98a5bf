import type { Event } from 'kubernetes-types/core/v1';
import { journalTime, klogTime } from '../network/proxy/logtime.ts';
import type { NodeCommand, NodeCtx } from './context.ts';

/** The kubelet's log on a node, rebuilt from the Events it recorded (source.host == node). */
function kubeletLines(c: NodeCtx): string[] {
  const pid = 312;
  const out: Array<{ t: number; line: string }> = [];
  for (const o of c.rt.store.list('events')) {
    const e = o as unknown as Event;
    if (e.source?.component !== 'kubelet' || e.source?.host !== c.node) continue;
    const t = c.rt.clock.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '') + c.rt.clock.nowUnixMs() - c.rt.clock.now();
    const obj = `${e.involvedObject.namespace ? e.involvedObject.namespace + '/' : ''}${e.involvedObject.name}`;
    const level = e.type === 'Warning' ? 'W' : 'I';
    out.push({ t, line: `${journalTime(t)} ${c.node} kubelet[${pid}]: ${klogTime(level, t)}     ${pid} event.go:389] "Event occurred" object="${obj}" fieldPath="${e.involvedObject.fieldPath ?? ''}" kind="${e.involvedObject.kind}" apiVersion="${e.involvedObject.apiVersion ?? 'v1'}" type="${e.type}" reason="${e.reason}" message="${(e.message ?? '').replace(/"/g, '\\"')}"` });
  }
  return out.sort((a, b) => a.t - b.t).map((x) => x.line);
}

/**
 * `journalctl [-u UNIT] [--no-pager] [-n N]`. The kubelet is the node's one systemd unit; kube-proxy runs as a
 * pod of the kube-proxy DaemonSet (kubeadm), so `-u kube-proxy` finds nothing, as on a real node: its log is
 * `kubectl -n kube-system logs kube-proxy-xxxxx` (or `crictl logs`).
 */
export const journalctl: NodeCommand = (c) => {
  const i = c.args.findIndex((a) => a === '-u' || a === '--unit');
  const unit = i >= 0 ? c.args[i + 1]?.replace(/\.service$/, '') : undefined;
  const ni = c.args.findIndex((a) => a === '-n' || a === '--lines');
  let lines = !unit || unit === 'kubelet' ? kubeletLines(c) : [];
  if (ni >= 0) lines = lines.slice(-Number(c.args[ni + 1] ?? 10));
  c.out(lines.length ? lines.join('\n') + '\n' : '-- No entries --\n');
  return 0;
};
