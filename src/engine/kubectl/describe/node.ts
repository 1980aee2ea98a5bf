/** describeNode (describe.go), with Non-terminated Pods and Allocated resources. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { fromNano, parseQuantity, type Quantity } from '../../util/quantity.ts';
import { nodeRoles } from '../printers/node.ts';
import { registerDescriber } from './registry.ts';
import {
  describeEvents,
  eventsFor,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsOrTolerations,
  rfc1123z,
  since,
  type DescribeContext,
} from './writer.ts';

type ResList = Record<string, Quantity>;

function q(v: string | number | undefined): Quantity | undefined {
  if (v === undefined) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

function add(list: ResList, name: string, v: Quantity): void {
  const cur = list[name];
  list[name] = cur ? fromNano(cur.nano + v.nano, cur.format) : v;
}

function toList(src: Record<string, unknown> | undefined): ResList {
  const out: ResList = {};
  for (const [k, v] of Object.entries(src ?? {})) {
    const x = q(v as string);
    if (x) out[k] = x;
  }
  return out;
}

function addList(list: ResList, more: ResList): void {
  for (const [k, v] of Object.entries(more)) add(list, k, v);
}

function maxList(list: ResList, more: ResList): void {
  for (const [k, v] of Object.entries(more)) if (!list[k] || v.nano > list[k].nano) list[k] = v;
}

/** max(a, b) per resource (resize: the larger of spec and status requests). */
function maxOf(a: ResList, b: ResList): ResList {
  const out: ResList = { ...a };
  for (const [k, v] of Object.entries(b)) if (!out[k] || out[k].nano <= v.nano) out[k] = v;
  return out;
}

type ContainerLike = NonNullable<Pod['spec']>['containers'][number];

/**
 * kubectl's resourcehelper.PodRequestsAndLimits: containers summed (requests raised to what a resize
 * reports in the container status); restartable (sidecar) init containers added and carried into each
 * later init container; the largest init container as a floor; overhead added to requests and to non-zero
 * limits.
 */
export function podRequestsAndLimits(pod: Pod): { req: ResList; lim: ResList } {
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((cs) => [cs.name, cs]));
  const side = (pick: (c: ContainerLike) => Record<string, unknown> | undefined, requests: boolean): ResList => {
    const total: ResList = {};
    for (const c of pod.spec?.containers ?? []) {
      let list = toList(pick(c));
      const cs = statuses.get(c.name) as { resources?: { requests?: Record<string, unknown> } } | undefined;
      if (requests && cs?.resources) {
        const st = toList(cs.resources.requests);
        list = (pod.status as { resize?: string } | undefined)?.resize === 'Infeasible' ? st : maxOf(list, st);
      }
      addList(total, list);
    }
    const restartable: ResList = {};
    const initMax: ResList = {};
    for (const c of pod.spec?.initContainers ?? []) {
      let list = toList(pick(c));
      if (c.restartPolicy === 'Always') {
        addList(total, list);
        addList(restartable, list);
        list = restartable;
      } else {
        const tmp: ResList = {};
        addList(tmp, list);
        addList(tmp, restartable);
        list = tmp;
      }
      maxList(initMax, list);
    }
    maxList(total, initMax);
    return total;
  };
  const req = side((c) => c.resources?.requests as Record<string, unknown> | undefined, true);
  const lim = side((c) => c.resources?.limits as Record<string, unknown> | undefined, false);
  for (const [k, x] of Object.entries(toList(pod.spec?.overhead as Record<string, unknown> | undefined))) {
    add(req, k, x);
    if (lim[k] && lim[k].nano !== 0n) add(lim, k, x);
  }
  return { req, lim };
}

const zero = fromNano(0n);

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.trunc((n / d) * 100);
}

function describeNode(obj: KubeObject, ctx: DescribeContext): string {
  const node = obj as unknown as Node;
  const meta = node.metadata ?? {};
  const st = node.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${meta.name}\n`);
  const roles = nodeRoles(meta.labels);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  printTaintsOrTolerations(w, 'Taints', node.spec?.taints, false);
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  const lease = ctx.api.tryGet('leases', 'kube-node-lease', meta.name ?? '') as unknown as Lease | undefined;
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  if ((st.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions ?? []) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const printList = (title: string, list: Record<string, unknown> | undefined) => {
    const keys = Object.keys(list ?? {});
    if (keys.length === 0) return;
    w.write(0, `${title}:\n`);
    for (const k of keys.sort()) w.write(0, `  ${k}:\t${q(list![k] as string)?.canonical ?? String(list![k])}\n`);
  };
  printList('Capacity', st.capacity);
  printList('Allocatable', st.allocatable);
  const info = st.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);

  const pods = ctx.api
    .list('pods')
    .map((p) => p as unknown as Pod)
    .filter((p) => p.spec?.nodeName === meta.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = (Object.keys(st.allocatable ?? {}).length > 0 ? st.allocatable : st.capacity) ?? {};
  const allocCpu = q(alloc.cpu as string)?.milliValue ?? 0;
  const allocMem = q(alloc.memory as string)?.value ?? 0;
  const allocEph = q(alloc['ephemeral-storage'] as string)?.value ?? 0;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReq: ResList = {};
  const totalLim: ResList = {};
  for (const p of pods) {
    const { req, lim } = podRequestsAndLimits(p);
    for (const [k, v] of Object.entries(req)) add(totalReq, k, v);
    for (const [k, v] of Object.entries(lim)) add(totalLim, k, v);
    const cr = req.cpu ?? zero;
    const cl = lim.cpu ?? zero;
    const mr = req.memory ?? zero;
    const ml = lim.memory ?? zero;
    w.write(
      1,
      `${p.metadata?.namespace}\t${p.metadata?.name}\t\t${cr.canonical} (${pct(cr.milliValue, allocCpu)}%)\t${cl.canonical} (${pct(cl.milliValue, allocCpu)}%)\t` +
        `${mr.canonical} (${pct(mr.value, allocMem)}%)\t${ml.canonical} (${pct(ml.value, allocMem)}%)\t${since(p.metadata?.creationTimestamp, ctx.nowMs)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const row = (name: string, r: Quantity, l: Quantity, useMilli: boolean, d: number) =>
    w.write(1, `${name}\t${r.canonical} (${pct(useMilli ? r.milliValue : r.value, d)}%)\t${l.canonical} (${pct(useMilli ? l.milliValue : l.value, d)}%)\n`);
  row('cpu', totalReq.cpu ?? zero, totalLim.cpu ?? zero, true, allocCpu);
  row('memory', totalReq.memory ?? zero, totalLim.memory ?? zero, false, allocMem);
  row('ephemeral-storage', totalReq['ephemeral-storage'] ?? zero, totalLim['ephemeral-storage'] ?? zero, false, allocEph);
  // IsStandardContainerResourceName (cpu, memory, ephemeral-storage, hugepages-*) and pods are not extended.
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  const keys = Object.keys(alloc);
  for (const k of keys.filter((k) => k.startsWith('hugepages-')).sort()) {
    const d = q(alloc[k] as string)?.value ?? 0;
    const r = totalReq[k] ?? zero;
    const l = totalLim[k] ?? zero;
    w.write(1, `${k}\t${r.canonical} (${pct(r.value, d)}%)\t${l.canonical} (${pct(l.value, d)}%)\n`);
  }
  for (const k of keys.filter((k) => !k.startsWith('hugepages-') && !standard.has(k)).sort()) {
    w.write(1, `${k}\t${(totalReq[k] ?? zero).canonical}\t${(totalLim[k] ?? zero).canonical}\n`);
  }
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, obj), ctx.nowMs);
  return w.done();
}

registerDescriber('Node', describeNode);
