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
  const inst = { id: nextId++, conn, source: conn.source };
  // React's development mode calls state initialisers twice and drops one result: a lab nobody showed within
  // a few seconds is stopped, so its worker does not run on unseen.
  setTimeout(() => {
    if (!mounts.has(inst)) conn.dispose();
  }, ORPHAN_MS);
  return inst;
}

const ORPHAN_MS = 10_000;

/** How many mounted views use each instance (`useLabLifetime`); an instance leaves when its count drops to zero. */
export const mounts = new WeakMap<Instance, number>();
