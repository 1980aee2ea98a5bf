/**
 * Adapters from a LabConnection to the shapes the graph's helpers read (they were written against the engine's
 * objects and duck-type them): the scheduler's explanation, and the newest packet trace from the mirror.
 */
import type { SchedulingExplanation } from '../topology/overlay.ts';
import type { LabConnection, TraceSummary } from './connection.ts';

/** The scheduler's explanation for a pod, or undefined when there is none, it fails, or has another shape. */
export async function explainVia(conn: Pick<LabConnection, 'explainScheduling'> | undefined, namespace: string, name: string): Promise<SchedulingExplanation | undefined> {
  if (!conn || typeof conn.explainScheduling !== 'function') return undefined;
  try {
    const out = (await conn.explainScheduling(namespace, name)) as unknown as SchedulingExplanation | undefined;
    return out && Array.isArray(out.nodes) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** What `topology/trace.ts`'s `latestTrace` reads (a cluster's network service), served from the mirror's newest trace. */
export function traceView(conn: Pick<LabConnection, 'latestTrace'> | undefined): unknown {
  const network = { recentTraces: (): TraceSummary[] => {
    const t = conn?.latestTrace();
    return t ? [t] : [];
  } };
  return { runtime: { services: { get: (name: string) => (name === 'network' ? network : undefined) } } };
}
