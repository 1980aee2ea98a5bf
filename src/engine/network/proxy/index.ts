import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { ServiceCache } from './cache.ts';
import { sha256, toHex } from './sha256.ts';
import { CLUSTER_CIDR, CONFIGMAP_NAME, configConf, KUBECONFIG_CONF, parseProxyConfig } from './config.ts';
import { ctime, journalTime, klogTime } from './logtime.ts';
import { NodeProxy } from './node.ts';
import type { ExtraTables } from './nodetables.ts';
import { KUBE_PROXY_SERVICE, type KubeProxyService, type ProxyMode } from './types.ts';

export { KUBE_PROXY_SERVICE, type KubeProxyService, type RouteResult, type Packet, type ProxyMode } from './types.ts';

/** What a CNI may offer kube-proxy: its own iptables chains on a node. */
interface CniTables {
  iptables?(node: string): ExtraTables | undefined;
}

const PID = 1;

function internalIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** The kube-proxy ConfigMap kubeadm creates in kube-system (config.conf and kubeconfig.conf). */
export function kubeProxyConfigMap(mode: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIGMAP_NAME, namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': configConf(mode), 'kubeconfig.conf': KUBECONFIG_CONF },
  } as KubeObject;
}

/**
 * kube-proxy on every node: one shared service/endpoint cache fed by store events, one NodeProxy per Node,
 * the mode from the kube-proxy ConfigMap (a change restarts every node's kube-proxy, which reprograms its
 * rules in the new mode). Published as the 'kube-proxy' service.
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
    if (!config.ok) {
      log(np.name, 'E', 'run.go:72', `"command failed" err="${config.error.replace(/"/g, '\\"')}"`);
      return;
    }
    np.mode = config.mode;
    np.scheduler = config.scheduler;
    const label = config.mode === 'ipvs' ? 'ipvs' : config.mode === 'userspace' ? 'userspace' : 'iptables';
    log(np.name, 'I', 'server_linux.go:66', `"Using ${label} proxy"`);
    log(np.name, 'I', 'server.go:698', `"Successfully retrieved node IP(s)" IPs=["${np.ip}"]`);
    if (config.mode === 'userspace') log(np.name, 'W', 'server.go:234', '"The userspace proxy mode was removed in Kubernetes 1.26; Kubelab simulates it for comparison"');
    log(np.name, 'I', 'server_linux.go:170', `"Using ${label} Proxier"`);
    if (config.mode === 'ipvs') log(np.name, 'I', 'proxier.go:365', `"IPVS scheduler not specified, use rr by default"`.replace('not specified, use rr by default', config.scheduler === 'rr' ? 'not specified, use rr by default' : `set to ${config.scheduler}`));
    log(np.name, 'I', 'server.go:483', '"Version info" version="v1.32.0"');
    log(np.name, 'I', 'config.go:199', '"Starting service config controller"');
    log(np.name, 'I', 'config.go:105', '"Starting endpoint slice config controller"');
    log(np.name, 'I', 'config.go:329', '"Starting node config controller"');
    log(np.name, 'I', 'shared_informer.go:320', '"Caches are synced for service config"');
    log(np.name, 'I', 'shared_informer.go:320', '"Caches are synced for endpoint slice config"');
  };

  const onNode = (ev: StoreEvent) => {
    const n = ev.object as unknown as Node;
    const name = n.metadata?.name ?? '';
    if (ev.type === 'DELETED') {
      nodes.delete(name);
      return;
    }
    const ip = internalIP(n);
    if (!ip || nodes.get(name)?.ip === ip) return;
    const np = new NodeProxy(name, ip, env);
    nodes.set(name, np);
    start(np);
  };

  const onConfigMap = (ev: StoreEvent) => {
    const o = ev.object;
    if (o.metadata?.namespace !== 'kube-system' || o.metadata?.name !== CONFIGMAP_NAME) return;
    const text = ev.type === 'DELETED' ? undefined : (o as unknown as { data?: Record<string, string> }).data?.['config.conf'];
    const next = parseProxyConfig(text);
    if (JSON.stringify(next) === JSON.stringify(config)) return;
    config = next;
    for (const np of nodes.values()) {
      log(np.name, 'I', 'server.go:571', '"Configuration file changed, restarting" path="/var/lib/kube-proxy/config.conf"');
      start(np);
    }
  };

  for (const s of rt.store.list('services')) cache.onStoreEvent({ type: 'ADDED', resource: 'services', object: s, resourceVersion: 0 });
  for (const s of rt.store.list('endpointslices')) cache.onStoreEvent({ type: 'ADDED', resource: 'endpointslices', object: s, resourceVersion: 0 });
  for (const n of rt.store.list('nodes')) onNode({ type: 'ADDED', resource: 'nodes', object: n, resourceVersion: 0 });
  rt.store.watch((ev) => {
    if (ev.resource === 'services' || ev.resource === 'endpointslices') cache.onStoreEvent(ev);
    else if (ev.resource === 'nodes') onNode(ev);
    else if (ev.resource === 'configmaps') onConfigMap(ev);
  });
  const mode = rt.options.proxyMode ?? 'iptables';
  if (rt.store.get('namespaces', undefined, 'kube-system') && !rt.store.get('configmaps', 'kube-system', CONFIGMAP_NAME)) {
    // Written straight to the store with a fixed uid: a system object of the bootstrap that must not draw
    // from the seeded RNG (every generated name after it would change).
    const cm = kubeProxyConfigMap(mode);
    const h = toHex(sha256('kube-system/configmaps/kube-proxy'));
    cm.metadata.uid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    cm.metadata.creationTimestamp = rt.clock.timestamp();
    rt.store.put('configmaps', cm);
  }

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
