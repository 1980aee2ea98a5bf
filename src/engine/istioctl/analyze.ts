import { istioValidators } from '../api/kinds/istio/index.ts';
import type { DestinationRuleSpec, VirtualServiceSpec } from '../api/kinds/istio/types.ts';
import type { KubeObject } from '../api/types.ts';
import { resolveHost } from '../mesh/istiod/model.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { registerIstioctlCommand } from './command.ts';

/** One analyzer finding (diag.Message): level, code, the resource it is about, and the text. */
export interface AnalysisMessage {
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  origin: string;
  text: string;
}

const systemNamespaces = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'local-path-storage']);
const levelRank = { Error: 0, Warning: 1, Info: 2 };

const origin = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** Run Istio's analyzers (pkg/config/analysis/analyzers) over the namespaces in scope. */
export function analyze(rt: ClusterRuntime, namespaces: ReadonlySet<string> | undefined): AnalysisMessage[] {
  const inScope = (ns: string | undefined) => !namespaces || namespaces.has(ns ?? '');
  const out: AnalysisMessage[] = [];
  const list = (plural: string) => (rt.registry.byPlural(plural) ? rt.store.list(plural) : []);
  const serviceHosts = new Set<string>();
  for (const s of rt.store.list('services')) serviceHosts.add(`${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`);
  for (const se of list('serviceentries')) for (const h of ((se.spec ?? {}) as { hosts?: string[] }).hosts ?? []) serviceHosts.add(h);
  const subsets = new Map<string, Set<string>>();
  for (const dr of list('destinationrules')) {
    const spec = (dr.spec ?? {}) as DestinationRuleSpec;
    const h = resolveHost(spec.host ?? '', dr.metadata.namespace ?? 'default');
    const set = subsets.get(h) ?? new Set<string>();
    for (const s of spec.subsets ?? []) set.add(s.name ?? '');
    subsets.set(h, set);
  }
  const gateways = new Set(list('gateways').map((g) => `${g.metadata.namespace}/${g.metadata.name}`));
  const meshHosts = new Map<string, KubeObject[]>();

  for (const vs of list('virtualservices')) {
    const ns = vs.metadata.namespace ?? 'default';
    const spec = (vs.spec ?? {}) as VirtualServiceSpec;
    const gws = spec.gateways ?? [];
    if (gws.length === 0 || gws.includes('mesh')) {
      for (const h of spec.hosts ?? []) {
        const key = `*/${resolveHost(h, ns)}`;
        meshHosts.set(key, [...(meshHosts.get(key) ?? []), vs]);
      }
    }
    if (!inScope(ns)) continue;
    const dests = [...(spec.http ?? []).flatMap((r) => (r.route ?? []).map((d) => ({ d: d.destination, mirror: false })).concat(r.mirror ? [{ d: r.mirror, mirror: true }] : [])), ...(spec.tcp ?? []).flatMap((r) => (r.route ?? []).map((d) => ({ d: d.destination, mirror: false })))];
    for (const { d, mirror } of dests) {
      if (!d?.host) continue;
      const fqdn = resolveHost(d.host, ns);
      if (!fqdn.startsWith('*') && !serviceHosts.has(fqdn)) out.push({ level: 'Error', code: 'IST0101', origin: origin(vs), text: `Referenced ${mirror ? 'mirror host' : 'host'} not found: ${JSON.stringify(d.host)}` });
      else if (d.subset && !subsets.get(fqdn)?.has(d.subset)) {
        out.push({ level: 'Error', code: 'IST0101', origin: origin(vs), text: `Referenced ${mirror ? 'mirror+subset' : 'host+subset'} in destinationrule not found: ${JSON.stringify(`${d.host}+${d.subset}`)}` });
      }
    }
    for (const g of gws) {
      if (g === 'mesh') continue;
      const full = g.includes('/') ? g : `${ns}/${g}`;
      if (!gateways.has(full)) out.push({ level: 'Error', code: 'IST0101', origin: origin(vs), text: `Referenced gateway not found: ${JSON.stringify(g)}` });
    }
  }
  // gateway.SecretAnalyzer: a server's credentialName must name a Secret in the namespace of the gateway pods the
  // selector picks (the Gateway's own namespace when it selects none).
  for (const gw of list('gateways')) {
    if (!inScope(gw.metadata.namespace)) continue;
    const spec = (gw.spec ?? {}) as { selector?: Record<string, string>; servers?: { tls?: { credentialName?: string } }[] };
    const sel = Object.entries(spec.selector ?? {});
    const pod = sel.length ? rt.store.list('pods').find((p) => sel.every(([k, v]) => p.metadata.labels?.[k] === v)) : undefined;
    const gwNs = pod?.metadata.namespace ?? gw.metadata.namespace;
    for (const s of spec.servers ?? []) {
      const cn = s.tls?.credentialName;
      if (cn && !rt.store.get('secrets', gwNs, cn)) out.push({ level: 'Error', code: 'IST0101', origin: origin(gw), text: `Referenced credentialName not found: ${JSON.stringify(cn)}` });
    }
  }
  for (const [host, vss] of meshHosts) {
    if (vss.length < 2) continue;
    const names = vss.map((v) => `${v.metadata.namespace}/${v.metadata.name}`).join(',');
    for (const vs of vss) if (inScope(vs.metadata.namespace)) out.push({ level: 'Error', code: 'IST0109', origin: origin(vs), text: `The VirtualServices ${names} associated with mesh gateway define the same host ${host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.` });
  }
  // Stored resources the webhook would now reject (created while it was unavailable).
  for (const plural of ['virtualservices', 'destinationrules', 'gateways', 'serviceentries', 'sidecars', 'peerauthentications', 'authorizationpolicies']) {
    for (const o of list(plural)) {
      if (!inScope(o.metadata.namespace)) continue;
      const errs = istioValidators.get(o.kind)?.(o) ?? [];
      for (const e of errs) out.push({ level: 'Error', code: 'IST0106', origin: origin(o), text: `Schema validation error: ${e}` });
    }
  }
  for (const n of rt.store.list('namespaces')) {
    const name = n.metadata.name ?? '';
    if (systemNamespaces.has(name) || !inScope(name)) continue;
    const labels = n.metadata.labels ?? {};
    const injected = labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
    if (labels['istio-injection'] === undefined && labels['istio.io/rev'] === undefined) {
      out.push({ level: 'Info', code: 'IST0102', origin: `Namespace ${name}`, text: `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.` });
    }
    if (!injected) continue;
    for (const p of rt.store.list('pods', name)) {
      if (p.metadata.annotations?.['sidecar.istio.io/status'] !== undefined) continue;
      if (p.metadata.labels?.['sidecar.istio.io/inject'] === 'false' || p.metadata.annotations?.['sidecar.istio.io/inject'] === 'false') continue;
      if ((p.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) continue;
      out.push({ level: 'Warning', code: 'IST0103', origin: origin({ ...p, kind: 'Pod' }), text: `The pod ${name}/${p.metadata.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.` });
    }
  }
  // diag.Messages.SortedDedupedCopy: by level, code, resource, then text; duplicates dropped.
  out.sort((a, b) => levelRank[a.level] - levelRank[b.level] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return out.filter((m, i) => i === 0 || `${m.code}${m.origin}${m.text}` !== `${out[i - 1].code}${out[i - 1].origin}${out[i - 1].text}`);
}

const CONFIG_ANALYSIS_URL = 'https://istio.io/v1.24/docs/reference/config/analysis';

registerIstioctlCommand({
  name: 'analyze',
  short: 'Analyze Istio configuration and print validation messages',
  help: 'Analyze Istio configuration and print validation messages\n\nUsage:\n  istioctl analyze <file>... [flags]\n\nExamples:\n  # Analyze the current live cluster\n  istioctl analyze\n\n  # Analyze the current live cluster for a specific namespace\n  istioctl analyze -n default\n\n  # Analyze all namespaces\n  istioctl analyze -A\n\nFlags:\n  -A, --all-namespaces   Analyze all namespaces\n  -h, --help             help for analyze\n',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: 'log' },
    { name: 'use-kube', type: 'bool', default: true },
  ],
  noIdentity: true,
  run(ctx, args) {
    const all = args.bool('all-namespaces');
    const ns = args.str('namespace') || 'default';
    if (!all && !ctx.rt.store.get('namespaces', undefined, ns)) {
      ctx.err(`namespace "${ns}" not found\n`);
      return 0;
    }
    const target = all ? 'all namespaces' : `namespace: ${ns}`;
    const msgs = analyze(ctx.rt, all ? undefined : new Set([ns]));
    ctx.out(`${msgs.map((m) => `${m.level} [${m.code}] (${m.origin}) ${m.text}`).join('\n')}\n`);
    if (msgs.length === 0) ctx.err(`✔ No validation issues found when analyzing ${target}.\n`);
    if (msgs.some((m) => m.level === 'Error')) {
      ctx.err(`Error: Analyzers found issues when analyzing ${target}.\nSee ${CONFIG_ANALYSIS_URL} for more information about causes and resolutions.\n`);
      return 79;
    }
    return 0;
  },
});
