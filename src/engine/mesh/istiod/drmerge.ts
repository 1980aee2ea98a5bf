import type { DestinationRuleSpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { resolveHost } from './model.ts';

export interface EffectiveDr {
  spec: DestinationRuleSpec;
  /** The istio config path of the rule merged into (the oldest), as cluster metadata names it. */
  path: string;
  created: string;
  /** Every rule that contributed, "namespace/name", oldest first. */
  from: string[];
  /** The namespace the rules live in. */
  namespace: string;
  /** Their exportTo ("" when empty: exported everywhere). */
  exportTo: readonly string[];
}

/** Consolidated rules of one pool (a namespace's own, its exported ones, the root namespace's private ones), by host. */
type Pool = Map<string, EffectiveDr[]>;

/**
 * mergeDestinationRule: a rule joins an earlier entry for the same host with the same exportTo (Istio's enhanced
 * merge keeps rules with different exportTo apart): subsets whose names are new are appended (a duplicate name is
 * dropped) and the top-level trafficPolicy is taken only if the entry had none.
 */
function merge(pool: Pool, host: string, dr: KubeObject, spec: DestinationRuleSpec, exportTo: readonly string[]): void {
  const ns = dr.metadata.namespace ?? 'default';
  const id = `${ns}/${dr.metadata.name}`;
  const list = pool.get(host) ?? [];
  const key = [...exportTo].sort().join(',');
  const cur = list.find((e) => [...e.exportTo].sort().join(',') === key);
  if (!cur) {
    list.push({ spec, path: `/apis/networking.istio.io/v1/namespaces/${ns}/destination-rule/${dr.metadata.name}`, created: dr.metadata.creationTimestamp ?? '', from: [id], namespace: ns, exportTo });
    pool.set(host, list);
    return;
  }
  const names = new Set((cur.spec.subsets ?? []).map((s) => s.name));
  const added = (spec.subsets ?? []).filter((s) => !names.has(s.name));
  cur.spec = {
    ...cur.spec,
    ...(added.length ? { subsets: [...(cur.spec.subsets ?? []), ...added] } : {}),
    ...(cur.spec.trafficPolicy === undefined && spec.trafficPolicy !== undefined ? { trafficPolicy: spec.trafficPolicy } : {}),
  };
  cur.from.push(id);
}

/** MostSpecificHostMatch: the exact host, else the longest wildcard ("*.default.svc.cluster.local", "*") covering it. */
function mostSpecific(pool: Pool | undefined, host: string): EffectiveDr[] | undefined {
  if (!pool) return undefined;
  const exact = pool.get(host);
  if (exact) return exact;
  let best: string | undefined;
  for (const h of pool.keys()) {
    if (!h.startsWith('*')) continue;
    if (host.endsWith(h.slice(1)) && (best === undefined || h.length > best.length)) best = h;
  }
  return best === undefined ? undefined : pool.get(best);
}

function exportedTo(dr: EffectiveDr, clientNs: string): boolean {
  return dr.exportTo.length === 0 || dr.exportTo.includes('*') || dr.exportTo.includes(clientNs);
}

/**
 * The DestinationRules istiod knows, indexed as PushContext.setDestinationRules does, and the lookup a client proxy
 * makes (PushContext.destinationRule): a rule in the client's own namespace first (the root namespace's private
 * rules for a proxy in the root namespace), then the rules the service's namespace exports to the client, then
 * those the root namespace exports. Rules with a workloadSelector are left out (see SIMPLIFICATIONS.md).
 * `rules` must be sorted oldest first.
 */
export class DestinationRuleIndex {
  /** Per namespace: its rules visible in the namespace itself (exportTo empty, "*", "." or the namespace). */
  private readonly local = new Map<string, Pool>();
  /** Per namespace: its rules exported beyond it (exportTo not just "." / the namespace). */
  private readonly exported = new Map<string, Pool>();
  /** The root namespace's private rules (for proxies in the root namespace). */
  private readonly rootLocal: Pool = new Map();
  /** Namespaces whose proxies may see other rules than a proxy in a namespace without any rule. */
  private readonly sensitive = new Set<string>();
  /** Every host a rule names (FQDN or wildcard). */
  readonly hosts = new Set<string>();
  private readonly cache = new Map<string, EffectiveDr | null>();

  constructor(rules: readonly KubeObject[], private readonly rootNs: string) {
    for (const dr of rules) {
      const spec = (dr.spec ?? {}) as DestinationRuleSpec & { workloadSelector?: unknown; exportTo?: string[] };
      if (spec.workloadSelector) continue;
      const ns = dr.metadata.namespace ?? 'default';
      const host = resolveHost(spec.host ?? '', ns);
      const exportTo = spec.exportTo ?? [];
      this.hosts.add(host);
      if (exportTo.length === 0 || exportTo.includes('*') || exportTo.includes('.') || exportTo.includes(ns)) {
        let pool = this.local.get(ns);
        if (!pool) this.local.set(ns, (pool = new Map()));
        merge(pool, host, dr, spec, exportTo);
        if (ns !== rootNs) this.sensitive.add(ns);
      }
      const privateOnly = exportTo.length === 1 && (exportTo[0] === '.' || exportTo[0] === ns);
      if (!privateOnly) {
        let pool = this.exported.get(ns);
        if (!pool) this.exported.set(ns, (pool = new Map()));
        merge(pool, host, dr, spec, exportTo);
        for (const e of exportTo) if (e !== '*' && e !== '.' && e !== '~') this.sensitive.add(e);
      } else if (ns === rootNs) {
        merge(this.rootLocal, host, dr, spec, exportTo);
        this.sensitive.add(rootNs);
      }
    }
  }

  /**
   * True when a proxy in `ns` may get another rule than one in a namespace without rules (its own rules, an
   * exportTo naming it, the root namespace's private rules): its clusters cannot be shared with everyone's.
   */
  clientSensitive(ns: string): boolean {
    return this.sensitive.has(ns);
  }

  /** The rule a proxy in `clientNs` applies to `host` (a service of `svcNs`). */
  lookup(host: string, svcNs: string, clientNs: string): EffectiveDr | undefined {
    if (this.hosts.size === 0) return undefined;
    // Proxies in namespaces without rules all get the same answer: cache it under one key.
    const who = this.sensitive.has(clientNs) ? clientNs : '';
    const key = `${host}\0${svcNs}\0${who}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.find(host, svcNs, clientNs) ?? null;
    this.cache.set(key, found);
    return found ?? undefined;
  }

  private find(host: string, svcNs: string, clientNs: string): EffectiveDr | undefined {
    // 1. The client's own namespace (all its rules visible there), or the root namespace's private rules.
    const own = mostSpecific(clientNs === this.rootNs ? this.rootLocal : this.local.get(clientNs), host);
    if (own?.length) return own[0];
    // 2. Rules the service's namespace exports to the client; 3. then those of the root namespace.
    for (const ns of [svcNs, this.rootNs]) {
      const exported = mostSpecific(this.exported.get(ns), host)?.filter((d) => exportedTo(d, clientNs));
      if (exported?.length) return exported[0];
    }
    return undefined;
  }
}
