import type { RequestRecord } from '../history.ts';
import { parseSelector } from '../../util/selectors.ts';
import { listOf, lookup, validRegex, validSelector } from './objects.ts';
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
  summary: 'a traced request (curl/wget in a pod, lab curl) to a host ended as asked: ok, denied by a NetworkPolicy, or failed; optionally carried by a given Service, answered by a given Pod; with last: N, the last N such requests all did',
  args: {
    from: { type: 'string' },
    fromNamespace: { type: 'string' },
    fromSelector: { type: 'string' },
    to: { type: 'string' },
    result: { type: 'string', required: true },
    status: { type: 'number' },
    service: { type: 'string' },
    path: { type: 'string' },
    pod: { type: 'string' },
    last: { type: 'number' },
  },
  validate: (a) =>
    validSelector(a.fromSelector) ??
    validRegex(a, 'pod') ??
    (a.last !== undefined && (!Number.isInteger(a.last) || (a.last as number) < 1) ? 'last must be a whole number ≥ 1' : undefined) ??
    (['ok', 'denied', 'failed'].includes(a.result as string) ? undefined : 'result must be ok, denied or failed') ??
    (a.to === undefined && a.service === undefined && a.path === undefined ? 'give the target host (to), the Service (service) or the path (path)' : undefined),
  evaluate(ctx, a): CheckResult {
    ctx.rt.history.collectRequests(ctx.rt);
    const to = a.to as string | undefined;
    const sel = a.fromSelector ? parseSelector(a.fromSelector as string) : undefined;
    const from = a.from as string | undefined;
    const fromNs = a.fromNamespace as string | undefined;
    const svc = a.service as string | undefined;
    const podRe = a.pod !== undefined ? new RegExp(a.pod as string) : undefined;
    const last = a.last as number | undefined;
    const viaService = (r: RequestRecord) => !svc || r.service === svc || !!r.service?.endsWith(`/${svc}`);
    const hits = ctx.rt.history.requests.filter(
      (r) =>
        (to === undefined ? viaService(r) && (a.path === undefined || r.path === a.path) : r.host === to || r.host.startsWith(`${to}.`)) &&
        (!from || r.from === from || r.from.endsWith(`/${from}`)) &&
        (!fromNs || r.from.startsWith(`${fromNs}/`)) &&
        (!sel || (r.from.includes('/') && !r.from.startsWith('node/') && sel.matches(r.fromLabels))),
    );
    const ok = (r: RequestRecord) =>
      r.result === a.result && (a.status === undefined || r.status === a.status) && viaService(r) && (a.path === undefined || r.path === a.path) && (!podRe || (r.pod !== undefined && podRe.test(r.pod)));
    const who = from ? ` from ${from}` : sel ? ` from pods with ${a.fromSelector}` : fromNs ? ` from namespace ${fromNs}` : '';
    const target = to ?? (svc ? `Service ${svc}` : `a Pod (${a.path})`);
    const lastSeen = hits[hits.length - 1];
    const describe = (r: RequestRecord) =>
      `${r.result}${r.status ? ` (HTTP ${r.status})` : ''}${r.service ? ` via ${r.service}` : ''}${r.pod ? ` answered by ${r.pod}` : ''}${r.path ? ` (${r.path})` : ''}`;
    if (last !== undefined) {
      // The last N requests (to the target, from the sender) must all have ended as asked.
      const tail = hits.slice(-last);
      const bad = tail.filter((r) => !ok(r));
      if (tail.length < last) return { pass: false, detail: `${tail.length} of the last ${last} requests${who} to ${target} seen so far` };
      return {
        pass: bad.length === 0,
        detail: bad.length ? `${bad.length} of the last ${last} requests${who} to ${target} did not match; one was ${describe(bad[bad.length - 1])}` : `the last ${last} requests${who} to ${target} were ${a.result}${podRe ? ` (answered by ${a.pod})` : ''}`,
      };
    }
    const match = hits.filter(ok);
    return {
      pass: match.length > 0,
      detail: match.length
        ? `a request${who} to ${target} was ${a.result}${svc && to ? ` via ${svc}` : ''}${a.path ? ` (${a.path})` : ''}${podRe ? ` (answered by ${match[match.length - 1].pod})` : ''}`
        : lastSeen
          ? `the last request${who} to ${target} was ${describe(lastSeen)}`
          : `no request${who} to ${target} yet`,
    };
  },
});
