import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../i18n/useT.ts';
import { useUi } from '../state/hooks.ts';
import type { UiState } from '../state/uiStore.ts';
import type { YamlEditor } from './monaco.ts';
import { applyEdit, cancelEdit, editStore } from './pendingEdit.ts';

/**
 * The file a terminal `kubectl edit` opened, over the editor tab while the edit waits: its own Monaco model
 * named after kubectl's temporary file, Apply (Ctrl/Cmd+Enter) finishes the edit, Cancel ends it unchanged.
 * kubectl's reasons for an invalid edit are markers on their lines.
 */
export function KubectlEditPanel({ ui }: { ui: StoreApi<UiState> }) {
  const edit = useStore(editStore, (s) => s.edit);
  const busy = useStore(editStore, (s) => s.busy);
  const t = useT(ui);
  const theme = useUi(ui, (s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!edit || !host.current) return;
    let live = true;
    const el = host.current;
    void import('./monaco.ts').then((m) => {
      if (!live) return;
      editor.current?.dispose();
      editor.current = m.createYamlEditor(el, { path: edit.file.path, value: edit.file.content, theme, onChange: () => {}, onApply: () => applyEdit(editor.current?.getValue() ?? '') });
      editor.current.setErrors(edit.marks);
      if (edit.marks[0]) editor.current.revealLine(edit.marks[0].line);
      editor.current.focus();
      setReady(true);
    });
    return () => {
      live = false;
    };
    // The editor is rebuilt for each (re)opening of the file; the theme follows below.
  }, [edit?.seq]);
  useEffect(() => {
    if (edit) return;
    editor.current?.dispose();
    editor.current = undefined;
    setReady(false);
  }, [edit]);
  useEffect(() => editor.current?.setTheme(theme), [theme, ready]);

  if (!edit) return null;
  const first = edit.marks[0];
  return (
    <div className="editor-panel kubectl-edit" data-testid="kubectl-edit" data-edit-state={busy ? 'busy' : ready ? 'ready' : 'loading'} style={{ zIndex: 4, background: 'var(--bg)' }}>
      <div className="editor-toolbar">
        <span className="editor-file" title={edit.line}>
          {edit.file.path}
        </span>
        <button type="button" className="btn primary" disabled={busy} onClick={() => applyEdit(editor.current?.getValue() ?? edit.file.content)} title={t('editor.edit.apply.title')} data-testid="kubectl-edit-apply">
          {t('editor.apply')}
          <kbd className="btn-kbd">Ctrl+↵</kbd>
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => cancelEdit()} title={t('editor.edit.cancel.title')} data-testid="kubectl-edit-cancel">
          {t('editor.cancel')}
        </button>
        {first ? (
          <span className="editor-status error" role="status" data-testid="kubectl-edit-status">
            <span aria-hidden="true">✕</span>
            <span className="editor-status-text">
              {t('editor.file')} {edit.file.path}:{first.line} · {first.message}
            </span>
          </span>
        ) : null}
      </div>
      <div className="editor-body">
        <div className="editor-host" ref={host} data-testid="kubectl-edit-host" />
        {!ready ? <div className="editor-placeholder">{t('editor.loading')}</div> : null}
      </div>
    </div>
  );
}
