import { createCluster, type Cluster } from '../../engine/index.ts';
import { startLesson, type Lesson } from '../../engine/lessons/index.ts';
import { Journal, replay, type LabOrigin, type LabRecord } from '../persistence/journal.ts';
import { ClusterSource } from '../state/clusterSource.ts';

/** One running lab: its cluster, the journal that records what it receives, and the UI's window on it. */
export interface Instance {
  id: number;
  cluster: Cluster;
  source: ClusterSource;
  journal: Journal;
  /** The saved or shared lab this instance was rebuilt from, if any. */
  restored: boolean;
}

let nextId = 1;

/** Origins name the same starting cluster when seed, lesson and (without a lesson) node count agree. */
export function sameOrigin(a: LabOrigin, b: LabOrigin): boolean {
  return (a.seed ?? 1) === (b.seed ?? 1) && a.lesson === b.lesson && (a.lesson !== undefined || a.nodes === b.nodes);
}

/**
 * Start a lab for `origin` (a lesson brings its own cluster with its setup applied). With a saved `record` of
 * the same origin, its inputs are replayed so the learner finds the lab as they left it.
 */
export function newInstance(origin: LabOrigin, lesson: Lesson | undefined, record?: LabRecord): Instance {
  const start = (o: LabOrigin): Cluster => (lesson ? startLesson(lesson, o.seed) : createCluster({ seed: o.seed, nodes: o.nodes }));
  const usable = record && sameOrigin(record.origin, origin) ? record : undefined;
  let cluster: Cluster;
  let restored = false;
  try {
    cluster = usable ? replay(usable, start) : start(origin);
    restored = usable !== undefined;
  } catch {
    // A record the engine cannot replay (from a newer version, say) must never brick the page.
    cluster = start(origin);
  }
  const journal = new Journal(cluster, origin, restored ? usable!.entries : []);
  return { id: nextId++, cluster, source: new ClusterSource(cluster), journal, restored };
}
