import { proxyStep, type ProxyLike } from '../../network/traffic/hops.ts';
import type { TraceContext } from '../../network/traffic/path.ts';
import type { TraceStep } from '../../network/traffic/trace.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { UPSTREAM_RESET, type Resp } from './envoy.ts';

/**
 * Where a PassthroughCluster (ORIGINAL_DST) connection really goes. The sidecar connects to the original
 * destination from the pod's network namespace, so a Service ClusterIP the proxy was not told about (a Sidecar
 * resource that does not import it) still goes through kube-proxy's rules on the node: DNAT to an endpoint,
 * or REJECT when the Service has no ready endpoints. Plain addresses go as they are.
 */
export function passthroughTarget(
  rt: ClusterRuntime,
  tc: TraceContext,
  traceId: number,
  steps: TraceStep[],
  from: { ip: string; node: string | undefined },
  dst: { ip: string; port: number },
): { ip: string; port: number } | Resp {
  const d = proxyStep(tc, traceId, steps, { srcIP: from.ip, dstIP: dst.ip, dstPort: dst.port, protocol: 'TCP' }, from.node, rt.service<ProxyLike>('kube-proxy'));
  if (!d?.virtual) return dst;
  if (d.verdict === 'DNAT' && d.endpoint) return d.endpoint;
  if (d.verdict === 'REJECT') return { status: 503, body: UPSTREAM_RESET + 'remote connection failure, transport failure reason: delayed connect error: Connection refused', flags: ['UF'], steps };
  return { status: 503, body: UPSTREAM_RESET + 'connection timeout', flags: ['UF'], steps };
}
