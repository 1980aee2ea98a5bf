import { KubectlError } from '../../kubectl/errors.ts';
import { DATAPLANE_SERVICE, type Dataplane } from '../../mesh/dataplane/dataplane.ts';
import { registerLabCommand } from '../command.ts';

function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)}s` : `${v.toFixed(1)}ms`;
}

/** `lab mesh stats`: the per-edge telemetry Istio's standard metrics give (requests, errors, latency, mTLS). */
registerLabCommand({
  name: 'mesh',
  short: 'Show service mesh telemetry (requests, errors, latency and mTLS per edge)',
  help: 'Show what the mesh measured over the last minute of traffic, per source → destination workload\n(reporter=source, as istio_requests_total and istio_request_duration_milliseconds).\n\nUsage:\n  lab mesh stats\n',
  subcommands: [
    {
      name: 'stats',
      short: 'Requests, error rate, p50/p90/p99 and mTLS per edge',
      run(ctx) {
        const dp = ctx.rt.service<Dataplane>(DATAPLANE_SERVICE);
        if (!dp) throw new KubectlError('Istio is not installed (istioctl install)');
        const edges = dp.telemetry.edgesAt(dp.now());
        if (!edges.length) {
          ctx.out('No mesh traffic yet.\n');
          return 0;
        }
        const rows = [['SOURCE', 'DESTINATION', 'REQUESTS', 'RPS', 'ERRORS', 'P50', 'P90', 'P99', 'MTLS', 'CODES']];
        for (const e of edges) {
          rows.push([
            `${e.source.workload}.${e.source.namespace}`,
            `${e.destination.workload}.${e.destination.namespace}`,
            String(e.requests),
            e.rps.toFixed(1),
            `${(e.errorRate * 100).toFixed(1)}%`,
            ms(e.p50),
            ms(e.p90),
            ms(e.p99),
            e.mtls ? 'yes' : 'no',
            Object.entries(e.codes).map(([k, v]) => `${k}:${v}`).join(','),
          ]);
        }
        const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
        ctx.out(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i] + 3))).join('').trimEnd() + '\n').join(''));
        return 0;
      },
    },
  ],
});
