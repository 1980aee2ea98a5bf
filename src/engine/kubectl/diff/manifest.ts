import type { Cluster } from '../../cluster.ts';
import { runKubectl } from '../run.ts';

export interface ManifestDiff {
  /** `kubectl diff` output: the unified diff of live vs. would-be-applied objects (empty when none). */
  diff: string;
  /** Error text as kubectl prints it (empty when none). */
  error: string;
  /** 0 nothing would change, 1 something would, 2 an error. */
  exitCode: number;
}

/**
 * What `kubectl apply` of this manifest text would change, as `kubectl diff -f -` shows it. Changes nothing
 * in the cluster (server dry runs only). For the editor's "diff against the cluster" view.
 */
export function diffManifest(cluster: Cluster, manifest: string): ManifestDiff {
  let diff = '';
  let error = '';
  const exitCode = runKubectl(cluster.runtime, ['diff', '-f', '-'], { stdin: manifest, out: (t) => (diff += t), err: (t) => (error += t) });
  return { diff, error, exitCode };
}
