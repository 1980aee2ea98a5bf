import type { Pod } from 'kubernetes-types/core/v1';
import { humanDuration } from '../util/duration.ts';
import type { NodeCommand, NodeCtx } from './context.ts';
import { crictlInspectp, sandboxID } from './podnetns.ts';

function podsOn(c: NodeCtx): Pod[] {
  return c.rt.store.list('pods').filter((p) => (p as unknown as Pod).spec?.nodeName === c.node) as unknown as Pod[];
}

function ago(c: NodeCtx, ts: string | undefined): string {
  if (!ts) return 'Unknown';
  const ms = c.rt.clock.now() - c.rt.clock.parse(ts);
  const s = Math.floor(ms / 1000);
  if (s < 60) return s <= 1 ? 'About a second ago' : `${s} seconds ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? 'About a minute ago' : `${m} minutes ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return h === 1 ? 'About an hour ago' : `${h} hours ago`;
  return `${humanDuration(ms)} ago`;
}

/** crictl's tabwriter (minwidth 20, padding 3). */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('').trimEnd() + '\n').join('');
}


interface Instance {
  id: string;
  image: string;
  created?: string;
  state: 'Running' | 'Exited' | 'Created';
  name: string;
  attempt: number;
}

/**
 * The containers the runtime still has for a pod: each container's current instance and, after a restart, the
 * previous one (the kubelet's garbage collection keeps one dead instance per container), init containers included.
 * ATTEMPT is the instance's metadata.attempt, the restart count it was created with.
 */
function containerInstances(p: Pod): Instance[] {
  const out: Instance[] = [];
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const image = (cs.imageID ?? '').split('sha256:')[1]?.slice(0, 13) ?? cs.image;
    const restarts = cs.restartCount ?? 0;
    const cur = cs.state?.running ?? cs.state?.terminated;
    const curID = cs.state?.terminated?.containerID ?? (cur ? cs.containerID : undefined);
    if (cur && curID) out.push({ id: curID, image, created: cur.startedAt, state: cs.state?.running ? 'Running' : 'Exited', name: cs.name, attempt: restarts });
    const last = cs.lastState?.terminated;
    if (last?.containerID && last.containerID !== curID) {
      out.push({ id: last.containerID, image, created: last.startedAt, state: 'Exited', name: cs.name, attempt: curID ? Math.max(0, restarts - 1) : restarts });
    }
  }
  return out;
}

/** `crictl pods` and `crictl ps [-a]` from the pods bound to this node (IDs shortened to 13 characters). */
export const crictl: NodeCommand = (c) => {
  const sub = c.args[0];
  if (sub === 'inspectp') return crictlInspectp(c, c.args.slice(1));
  if (sub === 'pods') {
    const cols = ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'];
    const rows = [cols];
    // --name / --namespace filter by regular expression; -q prints full IDs only.
    const opt = (f: string) => {
      const i = c.args.findIndex((a) => a === f || a.startsWith(`${f}=`));
      return i < 0 ? undefined : c.args[i].includes('=') ? c.args[i].slice(f.length + 1) : c.args[i + 1];
    };
    const nameRe = opt('--name');
    const nsRe = opt('--namespace');
    const quiet = c.args.includes('-q') || c.args.includes('--quiet');
    const ids: string[] = [];
    for (const p of podsOn(c)) {
      if (!p.status?.podIP && !p.spec?.hostNetwork) continue;
      if (nameRe !== undefined && !new RegExp(nameRe).test(p.metadata?.name ?? '')) continue;
      if (nsRe !== undefined && !new RegExp(nsRe).test(p.metadata?.namespace ?? '')) continue;
      ids.push(sandboxID(p));
      const state = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' || p.metadata?.deletionTimestamp ? 'NotReady' : 'Ready';
      rows.push([sandboxID(p).slice(0, 13), ago(c, p.metadata?.creationTimestamp), state, p.metadata!.name!, p.metadata!.namespace!, '0', '(default)']);
    }
    c.out(quiet ? ids.map((i) => `${i}\n`).join('') : table(rows));
    return 0;
  }
  if (sub === 'ps') {
    const all = c.args.includes('-a') || c.args.includes('--all');
    const cols = ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD'];
    const rows: Array<{ at: number; row: string[] }> = [];
    for (const p of podsOn(c)) {
      for (const i of containerInstances(p)) {
        if (i.state !== 'Running' && !all) continue;
        rows.push({ at: i.created ? c.rt.clock.parse(i.created) : 0, row: [i.id.replace(/^\w+:\/\//, '').slice(0, 13), i.image, ago(c, i.created), i.state, i.name, String(i.attempt), sandboxID(p).slice(0, 13), p.metadata!.name!] });
      }
    }
    // crictl lists containers newest first (by creation time).
    rows.sort((a, b) => b.at - a.at);
    c.out(table([cols, ...rows.map((r) => r.row)]));
    return 0;
  }
  c.err(`NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   pods     List pods\n   ps       List containers\n`);
  return sub ? 1 : 0;
};
