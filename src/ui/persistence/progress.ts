import type { ProgressStore } from '../lessons/progress.ts';
import type { WorkspaceStore } from './store.ts';

/** Lesson progress kept in the saved workspace (IndexedDB) instead of localStorage. */
export function workspaceProgressStore(ws: WorkspaceStore): ProgressStore {
  const data = () => ws.data.progress ?? {};
  return {
    completed: (slug) => data()[slug] ?? [],
    markDone(slug, step) {
      const list = new Set(data()[slug] ?? []);
      if (list.has(step)) return;
      list.add(step);
      ws.save('progress', { ...data(), [slug]: [...list].sort((a, b) => a - b) });
    },
    reset(slug) {
      const next = { ...data() };
      delete next[slug];
      ws.save('progress', next);
    },
  };
}
