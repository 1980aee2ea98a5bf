/**
 * Read-only views the inspector asks of the engine's components: a pod's log tail (the kubelet service, as
 * `kubectl logs --tail` does) and one node's kube-proxy rules for a Service (the kube-proxy service, as
 * `iptables-save` / `ipvsadm -Ln` on that node show them). Duck-typed on purpose: a cluster without the
 * component (or a stand-in in tests) simply yields nothing.
 */

interface Services {
  get(name: string): unknown;
}

function service<T>(cluster: unknown, name: string): T | undefined {
  const services = (cluster as { runtime?: { services?: Services } } | undefined)?.runtime?.services;
  return services?.get(name) as T | undefined;
}

interface KubeletLike {
  logs(namespace: string, pod: string, container: string | undefined, opts: { tail?: number }): string;
}

/** The last `tail` lines of a container's log, or the kubelet's error text (`container "c" in pod "p" is waiting to start: ContainerCreating`). */
export function logTail(cluster: unknown, namespace: string, pod: string, container: string | undefined, tail = 40): { text: string; error?: string } {
  const k = service<KubeletLike>(cluster, 'kubelet');
  if (!k) return { text: '' };
  try {
    return { text: k.logs(namespace, pod, container, { tail }) };
  } catch (e) {
    return { text: '', error: e instanceof Error ? e.message : String(e) };
  }
}

interface ProxyLike {
  mode(node: string): string | undefined;
  iptablesSave(node: string): string;
  ipvsadmList(node: string): string;
}

/** The iptables rules kube-proxy wrote for one Service (`ns/name` in the rule comments), with every rule of the chains they jump to. */
export function iptablesRulesFor(save: string, namespace: string, name: string): string[] {
  const lines = save.split('\n').filter((l) => l.startsWith('-A '));
  const tag = `"${namespace}/${name}`;
  const mine = (l: string) => {
    const i = l.indexOf(tag);
    if (i < 0) return false;
    const next = l[i + tag.length];
    return next === '"' || next === ' ' || next === ':';
  };
  const chains = new Set<string>();
  for (const l of lines) if (mine(l)) for (const m of l.matchAll(/KUBE-(?:SVC|SEP|EXT|FW|SVL|XLB)-[A-Z0-9]+/g)) chains.add(m[0]);
  return lines.filter((l) => mine(l) || chains.has(l.split(' ')[1]));
}

/** ipvsadm's block for the Service's virtual servers (by cluster IP). */
export function ipvsRulesFor(list: string, clusterIPs: readonly string[]): string[] {
  const out: string[] = [];
  let keep = false;
  for (const l of list.split('\n')) {
    if (/^(TCP|UDP|SCTP)\s/.test(l)) keep = clusterIPs.some((ip) => l.includes(`${ip}:`));
    if (keep && l.trim()) out.push(l);
  }
  return out;
}

export function proxyRules(cluster: unknown, node: string, namespace: string, name: string, clusterIPs: readonly string[]): { mode: string; lines: string[] } | undefined {
  const p = service<ProxyLike>(cluster, 'kube-proxy');
  if (!p) return undefined;
  const mode = p.mode(node) ?? 'iptables';
  if (mode === 'ipvs') return { mode, lines: ipvsRulesFor(p.ipvsadmList(node), clusterIPs) };
  return { mode, lines: iptablesRulesFor(p.iptablesSave(node), namespace, name) };
}
