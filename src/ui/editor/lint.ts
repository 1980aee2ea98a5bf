import { load } from 'js-yaml';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../engine/index.ts';
import { lineOfPath, splitDocuments, type ErrorMark } from './errors.ts';

/** What the lint reads from the live cluster. */
export interface LintCluster {
  /** Labels and container ports of the pods in a namespace. */
  pods(namespace: string): Array<{ labels: Record<string, string>; ports: Array<{ containerPort?: number; name?: string }> }>;
  serviceExists(namespace: string, name: string): boolean;
}

type Obj = { kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };
type PodShape = { labels: Record<string, string>; ports: Array<{ containerPort?: number; name?: string }>; namespace: string };

const matches = (sel: Record<string, string>, labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);

function templatePods(o: Obj, ns: string): PodShape[] {
  const tpl = (o.spec?.template ?? undefined) as { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Array<{ ports?: PodShape['ports'] }> } } | undefined;
  const spec = o.kind === 'Pod' ? (o.spec as { containers?: Array<{ ports?: PodShape['ports'] }> }) : tpl?.spec;
  const labels = o.kind === 'Pod' ? (o.metadata?.labels ?? {}) : (tpl?.metadata?.labels ?? {});
  if (!spec) return [];
  return [{ labels, ports: (spec.containers ?? []).flatMap((c) => c.ports ?? []), namespace: ns }];
}

/**
 * Cross-object warnings for a manifest, against the live cluster and the file's other documents: a Service
 * selector matching no pods, a targetPort no matching container exposes, a workload selector that does not
 * match its template's labels, an Ingress backend naming a missing Service. Warnings, not errors: the API
 * server accepts all of these.
 */
export function lintManifest(text: string, cluster: LintCluster): ErrorMark[] {
  const docs: Array<{ start: number; text: string; obj: Obj }> = [];
  for (const d of splitDocuments(text)) {
    try {
      const obj = load(d.text) as Obj;
      if (obj && typeof obj === 'object') docs.push({ ...d, obj });
    } catch {
      // Syntax errors are the schema's and the engine's to report.
    }
  }
  const nsOf = (o: Obj) => o.metadata?.namespace ?? 'default';
  const filePods = docs.flatMap((d) => templatePods(d.obj, nsOf(d.obj)));
  const fileServices = new Set(docs.filter((d) => d.obj.kind === 'Service').map((d) => `${nsOf(d.obj)}/${d.obj.metadata?.name}`));
  const out: ErrorMark[] = [];
  const at = (d: { start: number; text: string }, path: string) => d.start - 1 + (lineOfPath(d.text, path) ?? 1);
  for (const d of docs) {
    const o = d.obj;
    const ns = nsOf(o);
    if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(o.kind ?? '')) {
      const sel = (o.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
      const labels = (o.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels ?? {};
      if (sel && !matches(sel, labels)) out.push({ line: at(d, 'spec.selector.matchLabels'), message: `selector ${fmt(sel)} does not match the template labels ${fmt(labels)}: the ${o.kind} will be rejected ("selector does not match template labels")` });
    }
    if (o.kind === 'Service') {
      const sel = o.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) continue;
      const pods = [...cluster.pods(ns).map((p) => ({ ...p, namespace: ns })), ...filePods.filter((p) => p.namespace === ns)].filter((p) => matches(sel, p.labels));
      if (pods.length === 0) {
        out.push({ line: at(d, 'spec.selector'), message: `selector ${fmt(sel)} matches no pods in namespace ${ns}: the Service will have no endpoints` });
        continue;
      }
      const ports = (o.spec?.ports as Array<{ port?: number; targetPort?: number | string }> | undefined) ?? [];
      ports.forEach((p, i) => {
        const target = p.targetPort ?? p.port;
        const exposed = pods.some((pod) => pod.ports.some((cp) => (typeof target === 'number' ? cp.containerPort === target : cp.name === target)));
        const declared = pods.some((pod) => pod.ports.length > 0);
        if (!exposed && (typeof target === 'string' || declared)) out.push({ line: at(d, `spec.ports[${i}].targetPort`), message: `targetPort ${target} is not a port any selected pod's containers declare` });
      });
    }
    if (o.kind === 'Ingress') {
      const names = new Set<string>();
      const def = (o.spec?.defaultBackend as { service?: { name?: string } } | undefined)?.service?.name;
      if (def) names.add(def);
      for (const r of (o.spec?.rules as Array<{ http?: { paths?: Array<{ backend?: { service?: { name?: string } } }> } }> | undefined) ?? []) for (const p of r.http?.paths ?? []) if (p.backend?.service?.name) names.add(p.backend.service.name);
      for (const n of names) if (!cluster.serviceExists(ns, n) && !fileServices.has(`${ns}/${n}`)) out.push({ line: at(d, 'spec'), message: `backend Service "${n}" does not exist in namespace ${ns}` });
    }
  }
  return out;
}

function fmt(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
}

/** The lint's view of a live cluster. */
export function lintCluster(cluster: Pick<Cluster, 'list' | 'get'>): LintCluster {
  return {
    pods: (ns) =>
      (cluster.list('pods', ns) as Pod[]).map((p) => ({
        labels: { ...(p.metadata?.labels ?? {}) },
        ports: (p.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => ({ containerPort: x.containerPort, name: x.name }))),
      })),
    serviceExists: (ns, name) => cluster.get('services', name, ns) !== undefined,
  };
}
