import { parseSelector } from '../../util/selectors.ts';
import { listOf, lookup, validSelector } from './objects.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

registerPredicate({
  name: 'endpoints',
  summary: 'a Service has exactly N ready endpoints (counted in its EndpointSlices)',
  args: { service: { type: 'string', required: true }, namespace: { type: 'string' }, ready: { type: 'number', required: true } },
  evaluate(ctx, a): CheckResult {
    if (!lookup(ctx, 'services', a.service as string, a.namespace as string | undefined)) return { pass: false, detail: `service ${a.service} not found` };
    const slices = listOf(ctx, 'endpointslices', a.namespace as string | undefined, `kubernetes.io/service-name=${a.service}`);
    const seen = new Set<string>();
    for (const s of slices) {
      for (const e of (s as unknown as { endpoints?: Array<{ addresses: string[]; conditions?: { ready?: boolean } }> }).endpoints ?? []) {
        if (e.conditions?.ready !== false) for (const ip of e.addresses) seen.add(ip);
      }
    }
    return { pass: seen.size === a.ready, detail: `service ${a.service}: ${seen.size} ready endpoint${seen.size === 1 ? '' : 's'}` };
  },
});

registerPredicate({
  name: 'request',
  summary: 'a traced request (curl/wget in a pod, lab curl) to a host ended as asked: ok, denied by a NetworkPolicy, or failed; optionally carried by a given Service',
  args: {
    from: { type: 'string' },
    fromSelector: { type: 'string' },
    to: { type: 'string' },
    result: { type: 'string', required: true },
    status: { type: 'number' },
    service: { type: 'string' },
    path: { type: 'string' },
  },
  validate: (a) =>
    validSelector(a.fromSelector) ??
    (['ok', 'denied', 'failed'].includes(a.result as string) ? undefined : 'result must be ok, denied or failed') ??
    (a.to === undefined && a.service === undefined && a.path === undefined ? 'give the target host (to), the Service (service) or the path (path)' : undefined),
  evaluate(ctx, a): CheckResult {
    ctx.rt.history.collectRequests(ctx.rt);
    const to = a.to as string | undefined;
    const sel = a.fromSelector ? parseSelector(a.fromSelector as string) : undefined;
    const from = a.from as string | undefined;
    const svc = a.service as string | undefined;
    const viaService = (r: { service?: string }) => !svc || r.service === svc || !!r.service?.endsWith(`/${svc}`);
    const hits = ctx.rt.history.requests.filter(
      (r) =>
        (to === undefined ? viaService(r) && (a.path === undefined || r.path === a.path) : r.host === to || r.host.startsWith(`${to}.`)) &&
        (!from || r.from === from || r.from.endsWith(`/${from}`)) &&
        (!sel || (r.from.includes('/') && !r.from.startsWith('node/') && sel.matches(r.fromLabels))),
    );
    const match = hits.filter((r) => r.result === a.result && (a.status === undefined || r.status === a.status) && viaService(r) && (a.path === undefined || r.path === a.path));
    const last = hits[hits.length - 1];
    const who = from ? ` from ${from}` : sel ? ` from pods with ${a.fromSelector}` : '';
    const target = to ?? (svc ? `Service ${svc}` : `a Pod (${a.path})`);
    return {
      pass: match.length > 0,
      detail: match.length
        ? `a request${who} to ${target} was ${a.result}${svc && to ? ` via ${svc}` : ''}${a.path ? ` (${a.path})` : ''}`
        : last
          ? `the last request${who} to ${target} was ${last.result}${last.status ? ` (HTTP ${last.status})` : ''}${last.service ? ` via ${last.service}` : ''}${last.path ? ` (${last.path})` : ''}`
          : `no request${who} to ${target} yet`,
    };
  },
});
