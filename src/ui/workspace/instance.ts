import type { Lesson } from '../../engine/lessons/index.ts';
import type { LabOrigin, LabRecord } from '../persistence/journal.ts';
import type { ClusterSource } from '../state/clusterSource.ts';
import type { ConnectionFactory, LabConnection } from '../worker/connection.ts';
import { WorkerConnection } from '../worker/client.ts';

/** One running lab: the connection to its cluster (in a worker) and the UI's mirror of it. */
export interface Instance {
  id: number;
  conn: LabConnection;
  source: ClusterSource;
}

let nextId = 1;

let factory: ConnectionFactory = (start, lesson) => new WorkerConnection(start, lesson);

/** Tests run labs on the same thread (`LocalConnection`). */
export function setConnectionFactory(f: ConnectionFactory): void {
  factory = f;
}

/**
 * Start a lab for `origin` (a lesson brings its own cluster with its setup applied). With a saved `record` of
 * the same origin, the worker replays its inputs so the learner finds the lab as they left it.
 */
export function newInstance(origin: LabOrigin, lesson: Lesson | undefined, record?: LabRecord): Instance {
  const conn = factory({ origin, record }, lesson);
  return { id: nextId++, conn, source: conn.source };
}
