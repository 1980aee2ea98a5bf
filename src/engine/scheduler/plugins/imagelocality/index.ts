import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import { SKIP } from '../../framework/status.ts';
import type { PreScorePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { ImageLocality } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import { MAX_NODE_SCORE } from '../helper/normalize.ts';

const MB = 1024 * 1024;
/** Upstream's thresholds: below 23 MB of present images a node scores 0; at 1000 MB per container, 100. */
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag or digest means ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** calculatePriority: clamp the summed image scores into [23 MB, 1000 MB × containers] and scale to 0–100. */
export function calculatePriority(sum: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
  else if (sum > maxThreshold) sum = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** scaledImageScore: an image's size times the share of nodes holding it, so images present everywhere count less. */
function imageScore(t: NodeTable, i: number, name: string): number {
  const size = t.images[i]?.get(name);
  if (size === undefined) return 0;
  const spread = (t.imageNodes.get(name) ?? 0) / t.count;
  return Math.trunc(size * spread);
}

/**
 * ImageLocality (Score): favour nodes that already hold the pod's images (init and regular containers), by
 * their sizes from node.status.images, scaled by how widely each image is spread. No normalisation.
 */
const imagesKey = new StateKey<{ names: string[]; numContainers: number }>('PreScore' + ImageLocality);

export function imageLocality(): PreScorePlugin & ScorePlugin {
  return {
    name: ImageLocality,
    events: ClusterEvent.NodeAdd,
    preScore(state, pod, t) {
      // The pod's image names, normalised once per cycle; only those some node holds can add to a score.
      const names: string[] = [];
      let numContainers = 0;
      for (const list of [pod.spec.initContainers ?? [], pod.spec.containers ?? []]) {
        for (const c of list) {
          numContainers++;
          const name = c.image ? normalizedImageName(c.image) : '';
          if (name && t.imageNodes.has(name)) names.push(name);
        }
      }
      // No node holds any of the images: every node would score calculatePriority(0) = 0.
      if (names.length === 0) return SKIP;
      state.write(imagesKey, { names, numContainers });
      return undefined;
    },
    score(state, _pod, t, i) {
      const s = state.read(imagesKey);
      if (!s) return 0;
      let sum = 0;
      for (let k = 0; k < s.names.length; k++) sum += imageScore(t, i, s.names[k]);
      return calculatePriority(sum, s.numContainers);
    },
  };
}
