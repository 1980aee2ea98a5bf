import type { LabRecord } from '../persistence/journal.ts';
import { WorkspaceStore, type KV } from '../persistence/store.ts';
import { sharedFromHash } from '../share/codec.ts';
import { detectLocale } from '../i18n/strings.ts';
import { wsText } from './strings.ts';

/** Whether the saved workspace holds work a shared lab would replace. */
function hasWork(ws: WorkspaceStore): boolean {
  return (ws.data.lab?.entries.length ?? 0) > 0;
}

/**
 * Open the saved workspace and take in a shared lab from the URL (`#lab=...`): the learner is asked before it
 * replaces their own work; either way the hash is removed so a reload does not ask again. Runs before the
 * lab renders, so the lab starts from what it returns.
 */
export async function bootWorkspace(kv?: KV, confirm: (message: string) => boolean = (m) => window.confirm(m)): Promise<WorkspaceStore> {
  const ws = await WorkspaceStore.open(kv);
  const shared = sharedFromHash(location.hash);
  if (!shared.record && !shared.invalid) return ws;
  const locale = detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  if (shared.invalid) {
    window.alert(wsText(locale, 'ws.share.invalid'));
    return ws;
  }
  const record = shared.record as LabRecord;
  if (hasWork(ws) && !confirm(wsText(locale, 'ws.share.confirm'))) return ws;
  ws.save('lab', record);
  ws.save('files', undefined);
  await ws.flush();
  return ws;
}
