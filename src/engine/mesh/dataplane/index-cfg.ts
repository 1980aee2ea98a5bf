import type { Cluster, ClusterLoadAssignment, Listener, ProxyConfig, RouteConfiguration } from '../envoy/types.ts';

/** Name indexes over one pushed ProxyConfig (configs are immutable and shared, so the index is cached per object). */
export interface ConfigIndex {
  listeners: Map<string, Listener>;
  routes: Map<string, RouteConfiguration>;
  clusters: Map<string, Cluster>;
  endpoints: Map<string, ClusterLoadAssignment>;
}

const cache = new WeakMap<ProxyConfig, ConfigIndex>();

export function indexOf(cfg: ProxyConfig): ConfigIndex {
  let ix = cache.get(cfg);
  if (!ix) {
    ix = {
      listeners: new Map(cfg.listeners.map((l) => [l.name, l])),
      routes: new Map(cfg.routes.map((r) => [r.name, r])),
      clusters: new Map(cfg.clusters.map((c) => [c.name, c])),
      endpoints: new Map(cfg.endpoints.map((e) => [e.clusterName, e])),
    };
    cache.set(cfg, ix);
  }
  return ix;
}
