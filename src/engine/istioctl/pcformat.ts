import type { TabWriter } from '../kubectl/printers/tabwriter.ts';
import type { Cluster, FilterChain, FilterChainMatch, HttpConnectionManager, Listener, Metadata, ProxyConfig, RouteConfiguration, RouteMatch, TcpProxy } from '../mesh/envoy/types.ts';

/**
 * istioctl's proxy-config tables (istioctl/pkg/writer/envoy/configdump and clusters): the same columns,
 * sort orders and cell texts, computed from the proxy's config.
 */

/** describeManagement: "reviews.default" from the istio config path in metadata. */
function describeManagement(md: Metadata | undefined): string {
  const config = md?.filterMetadata?.istio?.config;
  if (typeof config !== 'string') return '';
  if (!config.startsWith('/apis/networking.istio.io/')) return '<unknown>';
  const p = config.split('/');
  return p.length === 8 ? `${p[7]}.${p[5]}` : '';
}

function parseSubsetKey(name: string): { direction: string; port: number; subset: string; fqdn: string } {
  const [direction, port, subset, fqdn] = name.split('|');
  return { direction, port: Number(port) || 0, subset, fqdn };
}

export function clusterTable(w: TabWriter, clusters: readonly Cluster[], withType: boolean): void {
  const key = (c: Cluster) => (c.name.split('|').length > 3 ? parseSubsetKey(c.name) : { direction: '', port: 0, subset: '', fqdn: c.name });
  const sorted = [...clusters].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x.fqdn !== y.fqdn) return x.fqdn < y.fqdn ? -1 : 1;
    if (x.subset !== y.subset) return x.subset < y.subset ? -1 : 1;
    if (x.port !== y.port) return x.port - y.port;
    return x.direction < y.direction ? -1 : x.direction > y.direction ? 1 : 0;
  });
  w.write(withType ? 'NAME\tSERVICE FQDN\tPORT\tSUBSET\tDIRECTION\tTYPE\tDESTINATION RULE\n' : 'SERVICE FQDN\tPORT\tSUBSET\tDIRECTION\tTYPE\tDESTINATION RULE\n');
  for (const c of sorted) {
    const pre = withType ? `cluster/${c.name}\t` : '';
    if (c.name.split('|').length > 3) {
      const k = parseSubsetKey(c.name);
      w.write(`${pre}${k.fqdn}\t${k.port}\t${k.subset || '-'}\t${k.direction}\t${c.type}\t${describeManagement(c.metadata)}\n`);
    } else {
      w.write(`${pre}${c.name}\t-\t-\t-\t${c.type}\t${describeManagement(c.metadata)}\n`);
    }
  }
  w.flush();
}

const protDescrs: [string, string[]][] = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

function getMatches(m: FilterChainMatch | undefined): string {
  const d: string[] = [];
  if (m?.serverNames?.length) d.push(`SNI: ${m.serverNames.join(',')}`);
  if (m?.transportProtocol) d.push(`Trans: ${m.transportProtocol}`);
  if (m?.applicationProtocols?.length) {
    const found = protDescrs.find(([, p]) => p.length === m.applicationProtocols!.length && p.every((x, i) => x === m.applicationProtocols![i]));
    d.push(found ? found[0] : `App: ${m.applicationProtocols.join(',')}`);
  }
  const port = m?.destinationPort !== undefined ? `:${m.destinationPort}` : '';
  if (m?.prefixRanges?.length) d.push(`Addr: ${m.prefixRanges.map((p) => `${p.addressPrefix}/${p.prefixLen}`).join(',')}${port}`);
  else if (port) d.push(`Addr: *${port}`);
  return d.length ? d.join('; ') : 'ALL';
}

function describeMatch(m: RouteMatch): string {
  const c: string[] = [];
  if (m.prefix) c.push(`${m.prefix}*`);
  if (m.pathSeparatedPrefix) c.push(`PathPrefix:${m.pathSeparatedPrefix}`);
  if (m.path) c.push(m.path);
  if (m.safeRegex) c.push(`regex ${m.safeRegex.regex}`);
  return c.join(' ');
}

function describeRouteConfig(r: RouteConfiguration): string {
  if (r.virtualHosts.length === 1) {
    const vh = r.virtualHosts[0];
    const rt = vh.routes[0];
    if (vh.domains.length === 1 && vh.domains[0] === '*' && vh.routes.length === 1 && rt.match.prefix === '/' && rt.route?.cluster) {
      return rt.route.cluster.includes('Cluster') ? rt.route.cluster : `Cluster: ${rt.route.cluster}`;
    }
  }
  const vhosts = r.virtualHosts.map((vh) => {
    const domains = vh.domains.length === 1 && vh.domains[0] === '*' ? '' : vh.domains.join('/');
    const routes = vh.routes.map((x) => describeMatch(x.match)).join(', ');
    return domains ? `${domains} ${routes}` : routes;
  });
  return `Inline Route: ${vhosts.join('; ')}`;
}

function filterType(fc: FilterChain): string {
  for (const f of fc.filters) {
    if (f.name === 'envoy.filters.network.http_connection_manager') {
      const h = f.typedConfig as HttpConnectionManager;
      if (h.routeConfig) return describeRouteConfig(h.routeConfig);
      if (h.rds?.routeConfigName) return `Route: ${h.rds.routeConfigName}`;
      return 'HTTP';
    }
    if (f.name === 'envoy.filters.network.tcp_proxy') {
      const t = f.typedConfig as TcpProxy;
      if ((t.cluster ?? '') === 'BlackHoleCluster') continue;
      // listener.go retrieveListenerDestination prints GetCluster(): empty for weighted_clusters.
      return (t.cluster ?? '').includes('Cluster') ? (t.cluster ?? '') : `Cluster: ${t.cluster ?? ''}`;
    }
  }
  return 'Non-HTTP/Non-TCP';
}

export function listenerTable(w: TabWriter, listeners: readonly Listener[], withType: boolean): void {
  const sorted = [...listeners].sort((a, b) => {
    const pa = a.address.socketAddress.portValue;
    const pb = b.address.socketAddress.portValue;
    if (pa !== pb) return pa - pb;
    const aa = a.address.socketAddress.address;
    const ab = b.address.socketAddress.address;
    return aa < ab ? -1 : aa > ab ? 1 : 0;
  });
  w.write(withType ? 'NAME\tADDRESSES\tPORT\tMATCH\tDESTINATION\n' : 'ADDRESSES\tPORT\tMATCH\tDESTINATION\n');
  for (const l of sorted) {
    const chains = [...l.filterChains, ...(l.defaultFilterChain ? [l.defaultFilterChain] : [])];
    const rows = chains.map((fc) => ({ match: getMatches(fc.filterChainMatch), destination: filterType(fc) }));
    rows.sort((a, b) => (a.destination > b.destination ? -1 : a.destination < b.destination ? 1 : 0));
    for (const r of rows) w.write(`${withType ? `listener/${l.name}\t` : ''}${l.address.socketAddress.address}\t${l.address.socketAddress.portValue}\t${r.match}\t${r.destination}\n`);
  }
  w.flush();
}

/** RDS route configurations plus the inline ones of listeners (Envoy dumps those as static route configs). */
export function routesForDump(cfg: ProxyConfig): RouteConfiguration[] {
  const out: RouteConfiguration[] = [...cfg.routes];
  const seen = new Set(out.map((r) => r.name));
  for (const l of cfg.listeners) {
    for (const fc of l.filterChains) {
      for (const f of fc.filters) {
        const rc = f.name === 'envoy.filters.network.http_connection_manager' ? (f.typedConfig as HttpConnectionManager).routeConfig : undefined;
        if (rc && (rc.name === '' || !seen.has(rc.name))) {
          if (rc.name) seen.add(rc.name);
          out.push(rc);
        }
      }
    }
  }
  // sort.Slice on numeric names; names that are not numbers keep their place after the numeric ones.
  const num = out.filter((r) => /^\d+$/.test(r.name)).sort((a, b) => Number(a.name) - Number(b.name));
  return [...num, ...out.filter((r) => !/^\d+$/.test(r.name))];
}

function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0];
  const withoutPort = domains.filter((d) => !d.includes(':'));
  const unique = new Set(withoutPort);
  const del = new Set<string>();
  for (const h of withoutPort) {
    const full = h.endsWith('.svc.cluster.local') ? h.slice(0, -'.svc.cluster.local'.length) : h;
    if (full !== h && unique.has(full)) del.add(h);
    const partial = h.endsWith('.svc') ? h.slice(0, -'.svc'.length) : h;
    if (partial !== h && unique.has(partial)) del.add(h);
  }
  const kept = withoutPort.filter((h) => !del.has(h));
  return kept.length > 2 ? `${kept.slice(0, 2).join(', ')} + ${kept.length - 2} more...` : kept.join(', ');
}

export function routeTable(w: TabWriter, routes: readonly RouteConfiguration[], withType: boolean): void {
  w.write(withType ? 'NAME\tVHOST NAME\tDOMAINS\tMATCH\tVIRTUAL SERVICE\n' : 'NAME\tVHOST NAME\tDOMAINS\tMATCH\tVIRTUAL SERVICE\n');
  for (const r of routes) {
    const name = withType ? `route/${r.name}` : r.name;
    for (const vh of r.virtualHosts) {
      for (const rt of vh.routes) {
        if (rt.route?.cluster === 'PassthroughCluster') continue;
        w.write(`${name}\t${vh.name}\t${describeRouteDomains(vh.domains)}\t${describeMatch(rt.match)}\t${describeManagement(rt.metadata)}\n`);
      }
      if (vh.routes.length === 0) w.write(`${name}\t${vh.name}\t${describeRouteDomains(vh.domains)}\t/*\t404\n`);
    }
  }
  w.flush();
}

/** What the data plane may report about a host (outlier ejection), for the OUTLIER CHECK column. */
interface OutlierView {
  ejected?(podNamespace: string, podName: string, cluster: string, address: string): boolean;
}

export function endpointTable(w: TabWriter, cfg: ProxyConfig, clusterFilter: string, outliers?: OutlierView): void {
  const rows: { address: string; port: number; cluster: string; status: string; failed: boolean }[] = [];
  const add = (cluster: string, address: string, port: number, status: string) => {
    if (clusterFilter && cluster !== clusterFilter) return;
    const failed = !!outliers?.ejected?.(cfg.node.namespace, cfg.node.podName, cluster, `${address}:${port}`);
    rows.push({ address, port, cluster, status, failed });
  };
  for (const c of cfg.clusters) for (const le of c.loadAssignment?.endpoints ?? []) for (const e of le.lbEndpoints) add(c.name, e.endpoint.address.socketAddress.address, e.endpoint.address.socketAddress.portValue, e.healthStatus);
  for (const cla of cfg.endpoints) for (const le of cla.endpoints) for (const e of le.lbEndpoints) add(cla.clusterName, e.endpoint.address.socketAddress.address, e.endpoint.address.socketAddress.portValue, e.healthStatus);
  rows.sort((a, b) => (a.address !== b.address ? (a.address < b.address ? -1 : 1) : a.port !== b.port ? a.port - b.port : a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
  w.write('ENDPOINT\tSTATUS\tOUTLIER CHECK\tCLUSTER\n');
  for (const r of rows) w.write(`${r.port !== 0 ? `${r.address}:${r.port}` : r.address}\t${r.status}\t${r.failed ? 'FAILED' : 'OK'}\t${r.cluster}\n`);
  w.flush();
}
