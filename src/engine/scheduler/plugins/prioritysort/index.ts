import type { QueueSortPlugin } from '../../framework/interfaces.ts';
import { PrioritySort } from '../../names.ts';

/**
 * PrioritySort (QueueSort): higher spec.priority first; equal priorities in the order they were queued.
 * The sequence number breaks ties between pods queued at the same virtual instant.
 */
export function prioritySort(): QueueSortPlugin {
  return {
    name: PrioritySort,
    less(a, b) {
      const pa = a.info.priority;
      const pb = b.info.priority;
      if (pa !== pb) return pa > pb;
      if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
      return a.seq < b.seq;
    },
  };
}
