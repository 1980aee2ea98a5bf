import { sanitizeWorkspace, type SavedWorkspace } from './store.ts';

/** The exported lab file: `{ "kubelab": "lab", "version": 1, lab, files, history }` (lesson progress stays local). */
export const LAB_FILE_TAG = 'lab';

export function exportLab(ws: SavedWorkspace): string {
  return JSON.stringify({ kubelab: LAB_FILE_TAG, version: 1, lab: ws.lab, files: ws.files, history: ws.history }, null, 2);
}

/** Parse an exported lab file; undefined when it is not one (or its lab record is malformed). */
export function importLab(text: string): SavedWorkspace | undefined {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (!raw || raw.kubelab !== LAB_FILE_TAG || raw.version !== 1) return undefined;
    const ws = sanitizeWorkspace({ lab: raw.lab, files: raw.files, history: raw.history });
    return ws.lab ? ws : undefined;
  } catch {
    return undefined;
  }
}
