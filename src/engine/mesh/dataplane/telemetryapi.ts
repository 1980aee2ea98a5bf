import type { ClusterRuntime } from '../../runtime.ts';
import { DATAPLANE_SERVICE, type Dataplane } from './dataplane.ts';
import type { MeshTelemetryEdge } from './telemetry.ts';

export type { MeshTelemetryEdge } from './telemetry.ts';

/** The mesh's per-edge telemetry now (`Cluster.meshTelemetry()`); empty when Istio was never installed or nothing went through a proxy. */
export function meshTelemetry(rt: ClusterRuntime): MeshTelemetryEdge[] {
  const dp = rt.service<Dataplane>(DATAPLANE_SERVICE);
  return dp ? dp.telemetry.edgesAt(dp.now()) : [];
}
