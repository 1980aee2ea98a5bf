import { useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { LabRecord } from '../persistence/journal.ts';
import { exportLab, importLab } from '../persistence/labFile.ts';
import type { WorkspaceStore } from '../persistence/store.ts';
import { originQuery, shareUrl } from '../share/codec.ts';
import { useUi } from '../state/hooks.ts';
import type { UiState } from '../state/uiStore.ts';
import { wsText, type WsKey } from './strings.ts';
import './workspace.css';

/** Open the page for a lab now saved in the workspace: its origin in the query, no hash. */
export function reloadInto(query: string): void {
  location.replace(`${location.pathname}${query}`);
}

/** Export / Import / Share in the header. */
export function WorkspaceMenu({ ui, workspace, journal }: { ui: StoreApi<UiState>; workspace: WorkspaceStore; journal: { record(): LabRecord } }) {
  const locale = useUi(ui, (s) => s.locale);
  const t = (k: WsKey) => wsText(locale, k);
  const file = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<{ url?: string; note: string }>();

  const doExport = () => {
    workspace.save('lab', journal.record());
    const blob = new Blob([exportLab(workspace.data)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'kubelab-lab.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const doImport = async (f: File) => {
    const ws = importLab(await f.text());
    if (!ws?.lab) return window.alert(t('ws.import.invalid'));
    if (!window.confirm(t('ws.import.confirm'))) return;
    workspace.save('lab', ws.lab);
    workspace.save('files', ws.files);
    workspace.save('history', ws.history);
    await workspace.flush();
    reloadInto(originQuery(location.search, ws.lab));
  };

  const doShare = () => {
    const url = shareUrl(location.href, journal.record());
    if (!url) return setLink({ note: t('ws.share.tooLong') });
    setLink({ url, note: t('ws.share.ready') });
    navigator.clipboard?.writeText(url).then(
      () => setLink({ url, note: t('ws.share.copied') }),
      () => undefined,
    );
  };

  return (
    <div className="ws-menu">
      <button type="button" className="reset" onClick={doShare} title={t('ws.share.title')} data-testid="share">
        {t('ws.share')}
      </button>
      <button type="button" className="reset" onClick={doExport} title={t('ws.export.title')} data-testid="export">
        {t('ws.export')}
      </button>
      <button type="button" className="reset" onClick={() => file.current?.click()} title={t('ws.import.title')} data-testid="import">
        {t('ws.import')}
      </button>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void doImport(f);
        }}
      />
      {link && (
        <div className="ws-share-popover" role="dialog" aria-label={link.note} data-testid="share-popover">
          <span>{link.note}</span>
          {link.url && <input readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="share-url" />}
          <button type="button" className="icon-btn" aria-label="Close" onClick={() => setLink(undefined)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
