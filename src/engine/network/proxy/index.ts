import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { ServiceCache } from './cache.ts';
import { CLUSTER_CIDR, CONFIGMAP_NAME, parseProxyConfig } from './config.ts';
import { ctime, journalTime, klogTime } from './logtime.ts';
import { NodeProxy } from './node.ts';
import { kubeProxyStartLines } from './startlog.ts';
import type { ExtraTables } from './nodetables.ts';
import { KUBE_PROXY_SERVICE, type KubeProxyService, type ProxyMode } from './types.ts';
import { KUBE_PROXY_APP } from './daemonset.ts';

export { kubeProxyConfigMap } from './daemonset.ts';
export { KUBE_PROXY_SERVICE, type KubeProxyService, type RouteResult, type Packet, type ProxyMode } from './types.ts';

/** What a CNI may offer kube-proxy: its own iptables chains on a node. */
interface CniTables {
  iptables?(node: string): ExtraTables | undefined;
}

const PID = 1;

function internalIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/**
 * kube-proxy on every node: one shared service/endpoint cache fed by store events, one NodeProxy per node whose
 * kube-proxy pod (the kube-system/kube-proxy DaemonSet) runs. Each kube-proxy process reads its mode from the
 * kube-proxy ConfigMap when it starts: editing the ConfigMap changes nothing until the pods restart
 * (`kubectl -n kube-system rollout restart ds kube-proxy`). Published as the 'kube-proxy' service.
 */
export function startKubeProxy(rt: ClusterRuntime): KubeProxyService {
  const cache = new ServiceCache();
  const nodes = new Map<string, NodeProxy>();
  const journals = new Map<string, string[]>();
  const env = {
    cache,
    rng: rt.rng,
    now: () => rt.clock.now(),
    clusterCIDR: CLUSTER_CIDR,
    extraTables: (node: string) => rt.service<CniTables>('cni')?.iptables?.(node),
  };
  let config = parseProxyConfig(undefined);

  const log = (node: string, level: 'I' | 'W' | 'E', src: string, msg: string) => {
    const t = rt.clock.nowUnixMs();
    const list = journals.get(node) ?? [];
    list.push(`${journalTime(t)} ${node} kube-proxy[${PID}]: ${klogTime(level, t)}       ${PID} ${src}] ${msg}`);
    if (list.length > 500) list.shift();
    journals.set(node, list);
  };

  const start = (np: NodeProxy) => {
    np.reset();
    for (const l of kubeProxyStartLines(config, np.ip)) log(np.name, l.level, l.src, l.msg);
    if (!config.ok) return;
    np.mode = config.mode;
    np.scheduler = config.scheduler;
  };

  /** The kube-proxy process each node's programmed rules come from: pod uid and container ID. */
  const running = new Map<string, string>();
  const configNow = () => parseProxyConfig((rt.store.get('configmaps', 'kube-system', CONFIGMAP_NAME) as unknown as { data?: Record<string, string> } | undefined)?.data?.['config.conf']);

  const onNode = (ev: StoreEvent) => {
    const name = ev.object.metadata?.name ?? '';
    if (ev.type === 'DELETED') {
      nodes.delete(name);
      running.delete(name);
    }
  };

  /**
   * A kube-proxy pod's container started running on its node: that process reads config.conf once (the
   * ConfigMap as it is now) and programs the node in its mode. Rules outlive the pod: deleting it leaves them
   * until the next kube-proxy starts, as iptables rules stay in the kernel.
   */
  const onPod = (ev: StoreEvent) => {
    const o = ev.object as unknown as Pod;
    if (ev.type === 'DELETED' || o.metadata?.namespace !== 'kube-system' || o.metadata?.labels?.['k8s-app'] !== KUBE_PROXY_APP) return;
    const nodeName = o.spec?.nodeName;
    const cs = o.status?.containerStatuses?.find((c) => c.name === KUBE_PROXY_APP);
    if (!nodeName || !cs?.state?.running || !cs.containerID) return;
    const id = `${o.metadata.uid}/${cs.containerID}`;
    if (running.get(nodeName) === id) return;
    running.set(nodeName, id);
    const ip = internalIP(rt.store.get('nodes', undefined, nodeName) as unknown as Node);
    if (!ip) return;
    let np = nodes.get(nodeName);
    if (!np || np.ip !== ip) nodes.set(nodeName, (np = new NodeProxy(nodeName, ip, env)));
    config = configNow();
    start(np);
  };

  for (const s of rt.store.list('services')) cache.onStoreEvent({ type: 'ADDED', resource: 'services', object: s, resourceVersion: 0 });
  for (const s of rt.store.list('endpointslices')) cache.onStoreEvent({ type: 'ADDED', resource: 'endpointslices', object: s, resourceVersion: 0 });
  for (const p of rt.store.list('pods')) onPod({ type: 'ADDED', resource: 'pods', object: p, resourceVersion: 0 });
  rt.store.watch((ev) => {
    if (ev.resource === 'services' || ev.resource === 'endpointslices') cache.onStoreEvent(ev);
    else if (ev.resource === 'pods') onPod(ev);
    else if (ev.resource === 'nodes') onNode(ev);
  });
  const node = (name: string) => nodes.get(name);
  const svc: KubeProxyService & { cache: ServiceCache; node(name: string): NodeProxy | undefined } = {
    cache,
    node,
    mode: (n) => node(n)?.mode,
    route: (n, p) => node(n)?.route(p) ?? { kind: 'iptables' as ProxyMode, matched: [], masquerade: false, verdict: 'NO_MATCH', rulesEvaluated: 0 },
    iptablesSave: (n) => node(n)?.iptablesSave(ctime(rt.clock.nowUnixMs())) ?? '',
    iptablesList: (n, table, chain) => node(n)?.iptablesList(table, chain) ?? { out: '' },
    ipvsadmList: (n) => node(n)?.ipvsadm() ?? '',
    ipsetList: (n, name) => node(n)?.ipsetList(name) ?? { out: '' },
    ipvsAddresses: (n) => node(n)?.ipvsAddresses() ?? [],
    conntrack: (n) => {
      const np = node(n);
      if (!np) return { out: '', count: 0 };
      const now = rt.clock.now();
      const live = np.conntrack.filter((e) => e.expires > now);
      const out = live
        .map((e) => {
          const ttl = Math.max(0, Math.round((e.expires - now) / 1000));
          const num = e.proto === 'udp' ? 17 : 6;
          const state = e.proto === 'tcp' ? 'TIME_WAIT ' : '';
          return `${e.proto.padEnd(8)} ${num} ${ttl} ${state}src=${e.src} dst=${e.dst} sport=${e.sport} dport=${e.dport} src=${e.rsrc} dst=${e.rdst} sport=${e.rsport} dport=${e.rdport} [ASSURED] mark=0 use=1`;
        })
        .join('\n');
      return { out: out ? out + '\n' : '', count: live.length };
    },
    journal: (n) => journals.get(n) ?? [],
  };
  rt.services.set(KUBE_PROXY_SERVICE, svc);
  return svc;
}
