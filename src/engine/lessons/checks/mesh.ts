import type { IstiodService } from '../../mesh/envoy/types.ts';
import { DATAPLANE_SERVICE, type Dataplane } from '../../mesh/dataplane/dataplane.ts';
import { configDumpLines } from '../../mesh/istiod/size.ts';
import { listOf, validSelector } from './objects.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

/** `reviews-v1` or `default/reviews-v1` → [namespace | undefined, workload]. */
function splitWorkload(s: string | undefined): [string | undefined, string | undefined] {
  if (s === undefined) return [undefined, undefined];
  const i = s.indexOf('/');
  return i < 0 ? [undefined, s] : [s.slice(0, i), s.slice(i + 1)];
}

const countCmp = { equals: { type: 'number' as const }, gte: { type: 'number' as const }, lte: { type: 'number' as const } };

function cmp(n: number, a: Record<string, unknown>): boolean {
  if (a.equals !== undefined) return n === a.equals;
  if (a.lte !== undefined) return n <= (a.lte as number);
  return n >= ((a.gte as number | undefined) ?? 1);
}

function cmpText(a: Record<string, unknown>): string {
  return a.equals !== undefined ? `= ${a.equals}` : a.lte !== undefined ? `≤ ${a.lte}` : `≥ ${(a.gte as number | undefined) ?? 1}`;
}

registerPredicate({
  name: 'mesh',
  summary:
    "Istio telemetry (reporter=source, as `lab mesh stats` shows it) between workloads: the number of requests (all time; with code, the answers with that code in the last minute) compares as asked (default: at least 1), optionally over mTLS or plaintext",
  args: {
    from: { type: 'string' },
    to: { type: 'string' },
    code: { type: 'scalar' },
    mtls: { type: 'boolean' },
    ...countCmp,
  },
  validate(a) {
    if ([a.equals, a.gte, a.lte].filter((v) => v !== undefined).length > 1) return 'give at most one of equals, gte, lte';
    if (a.code !== undefined && !/^(\d{3}|reset)$/.test(String(a.code))) return 'code is an HTTP status (503) or reset';
    return a.from === undefined && a.to === undefined ? 'give the source workload (from), the destination workload (to) or both' : undefined;
  },
  evaluate(ctx, a): CheckResult {
    const dp = ctx.rt.service<Dataplane>(DATAPLANE_SERVICE);
    if (!dp) return { pass: false, detail: 'Istio is not installed' };
    const [fromNs, from] = splitWorkload(a.from as string | undefined);
    const [toNs, to] = splitWorkload(a.to as string | undefined);
    const code = a.code === undefined ? undefined : String(a.code);
    const edges = dp.telemetry.edgesAt(dp.now()).filter(
      (e) =>
        (from === undefined || e.source.workload === from) &&
        (fromNs === undefined || e.source.namespace === fromNs) &&
        (to === undefined || e.destination.workload === to) &&
        (toNs === undefined || e.destination.namespace === toNs) &&
        (a.mtls === undefined || e.mtls === a.mtls),
    );
    const n = edges.reduce((s, e) => s + (code === undefined ? e.requests : e.codes[code] ?? 0), 0);
    const what = `${code === undefined ? 'requests' : `${code} answers`}${a.from ? ` from ${a.from}` : ''}${a.to ? ` to ${a.to}` : ''}${a.mtls === undefined ? '' : a.mtls ? ' over mTLS' : ' in plaintext'}`;
    return { pass: cmp(n, a), detail: `${n} ${what} (want ${cmpText(a)})` };
  },
});

registerPredicate({
  name: 'proxyConfig',
  summary:
    "the size of the Envoy configuration istiod pushes to a Pod's sidecar (lines of the pretty-printed listeners, routes, clusters and endpoints, about `istioctl proxy-config all POD -o json | wc -l`) compares as asked",
  args: { selector: { type: 'string', required: true }, namespace: { type: 'string' }, ...countCmp },
  oneOf: [['equals', 'gte', 'lte']],
  validate: (a) => validSelector(a.selector),
  evaluate(ctx, a): CheckResult {
    const istiod = ctx.rt.service<IstiodService>('istiod');
    if (!istiod) return { pass: false, detail: 'Istio is not installed' };
    const ns = (a.namespace as string | undefined) ?? 'default';
    for (const p of listOf(ctx, 'pods', ns, a.selector as string)) {
      if (p.metadata.deletionTimestamp) continue;
      const cfg = istiod.configFor(ns, p.metadata.name ?? '');
      if (!cfg) continue;
      const n = configDumpLines(cfg);
      return { pass: cmp(n, a), detail: `the sidecar of ${ns}/${p.metadata.name} has ${n} lines of configuration (want ${cmpText(a)})` };
    }
    return { pass: false, detail: `no pod with ${a.selector} has a sidecar that istiod configures` };
  },
});
