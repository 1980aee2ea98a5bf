import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../i18n/useT.ts';
import { useUi } from '../state/hooks.ts';
import type { UiState } from '../state/uiStore.ts';
import { diffLines } from './diffPreview.ts';
import { markFromError, type ErrorMark } from './errors.ts';
import type { YamlEditor } from './monaco.ts';
import { STARTER_PATH, STARTER_YAML } from './starter.ts';
import './editor-diff.css';

export interface ApplyResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const DRAFT_KEY = 'kubelab.editor.app.yaml';

function loadDraft(): string {
  try {
    return localStorage.getItem(DRAFT_KEY) ?? STARTER_YAML;
  } catch {
    return STARTER_YAML;
  }
}

function saveDraft(text: string): void {
  try {
    localStorage.setItem(DRAFT_KEY, text);
  } catch {
    // Storage may be unavailable; the draft then lives as long as the page.
  }
}

type Status = { kind: 'idle' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string; line?: number };

/**
 * The YAML editor tab: a toolbar (file, Apply, the last result) over Monaco. Monaco is imported only when
 * the tab is first shown (`active`), so it never delays the page.
 */
export interface EditorPanelProps {
  ui: StoreApi<UiState>;
  active: boolean;
  onApply(path: string, text: string): ApplyResult | Promise<ApplyResult>;
  /** The file's saved text (the workspace's copy); the localStorage draft or the starter when absent. */
  initialText?: string;
  /** Called with the file's text after each edit (the workspace saves it). */
  onTextChange?: (path: string, text: string) => void;
  /** The `kubectl diff` to confirm before applying `text`, or undefined to apply at once. */
  previewDiff?: (text: string) => string | undefined | Promise<string | undefined>;
  /** Cross-object warnings for the text (shown as Monaco warnings a moment after typing stops). */
  lint?: (text: string) => ErrorMark[];
}

export function EditorPanel({ ui, active, onApply, initialText, onTextChange, previewDiff, lint }: EditorPanelProps) {
  const lintRef = useRef(lint);
  lintRef.current = lint;
  const lintTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const relint = () => {
    clearTimeout(lintTimer.current);
    lintTimer.current = setTimeout(() => {
      try {
        editor.current?.setWarnings(lintRef.current?.(editor.current.getValue()) ?? []);
      } catch {
        // Lint is advice; it never gets in the way of editing.
      }
    }, 400);
  };
  const [pending, setPending] = useState<string>();
  const changeRef = useRef(onTextChange);
  changeRef.current = onTextChange;
  const t = useT(ui);
  const theme = useUi(ui, (s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor | undefined>(undefined);
  const text = useRef(initialText ?? loadDraft());
  const [phase, setPhase] = useState<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const themeRef = useRef(theme);
  themeRef.current = theme;

  const apply = useRef((confirmed?: boolean): Promise<void> => Promise.resolve(void confirmed));
  apply.current = async (confirmed = false) => {
    const body = editor.current?.getValue() ?? text.current;
    if (!confirmed && previewDiff) {
      const diff = await previewDiff(body);
      if (diff) return setPending(diff);
    }
    setPending(undefined);
    const r = await onApply(STARTER_PATH, body);
    if (r.exitCode === 0) {
      editor.current?.setErrors([]);
      setStatus({ kind: 'ok', text: r.stdout.trim() || t('editor.applied') });
    } else {
      const mark = markFromError(body, r.stderr);
      editor.current?.setErrors(mark ? [mark] : []);
      setStatus({ kind: 'error', text: r.stderr.trim() || t('editor.failed'), line: mark?.line });
    }
  };

  // Load Monaco the first time the tab is shown. The import is started once per panel; its result is used
  // if the panel is still mounted (React's development double-mount must not drop it).
  const started = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!active || started.current) return;
    started.current = true;
    setPhase('loading');
    import('./monaco.ts')
      .then((m) => {
        if (!mounted.current || !host.current) return;
        editor.current = m.createYamlEditor(host.current, {
          path: STARTER_PATH,
          value: text.current,
          theme: themeRef.current,
          onChange: (v) => {
            text.current = v;
            if (changeRef.current) changeRef.current(STARTER_PATH, v);
            else saveDraft(v);
            relint();
          },
          onApply: () => apply.current(),
        });
        setPhase('ready');
        relint();
      })
      .catch(() => mounted.current && setPhase('failed'));
  }, [active]);

  useEffect(
    () => () => {
      editor.current?.dispose();
      editor.current = undefined;
    },
    [],
  );
  useEffect(() => editor.current?.setTheme(theme), [theme, phase]);

  return (
    <div className="editor-panel" data-testid="editor-panel" data-editor-state={phase}>
      <div className="editor-toolbar">
        <span className="editor-file" title={`~/${STARTER_PATH}`}>
          <FileIcon /> {STARTER_PATH}
        </span>
        <button type="button" className="btn primary" onClick={() => apply.current()} title={t('editor.apply.title')} data-testid="editor-apply">
          <PlayIcon /> {t('editor.apply')}
          <kbd className="btn-kbd">Ctrl+↵</kbd>
        </button>
        {status.kind !== 'idle' ? (
          <span className={`editor-status ${status.kind}`} role="status" data-testid="editor-status">
            <span aria-hidden="true">{status.kind === 'ok' ? '✓' : '✕'}</span>
            <span className="editor-status-text">
              {status.kind === 'error' && status.line ? `${t('editor.file')} ${STARTER_PATH}:${status.line} · ` : ''}
              {status.text}
            </span>
          </span>
        ) : null}
      </div>
      <div className="editor-body">
        <div className="editor-host" ref={host} data-testid="editor-host" />
        {phase === 'loading' ? <div className="editor-placeholder">{t('editor.loading')}</div> : null}
        {phase === 'failed' ? <div className="editor-placeholder error">{t('editor.loadFailed')}</div> : null}
        {pending !== undefined ? (
          <div className="editor-diff" role="dialog" aria-label={t('editor.diff.title')} data-testid="editor-diff">
            <div className="editor-diff-bar">
              <span title={t('editor.diff.title')}>kubectl diff</span>
              <button type="button" className="btn primary" onClick={() => apply.current(true)} data-testid="editor-diff-apply" autoFocus>
                <PlayIcon /> {t('editor.apply')}
              </button>
              <button type="button" className="btn" onClick={() => setPending(undefined)} title={t('editor.diff.cancel.title')} data-testid="editor-diff-cancel">
                {t('editor.cancel')}
              </button>
            </div>
            <pre className="editor-diff-body">
              {diffLines(pending).map((l, i) => (
                <div key={i} className={`diff-${l.kind}`}>
                  {l.text || ' '}
                </div>
              ))}
            </pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
      <path d="M3 1.8v8.4L10 6z" fill="currentColor" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <path d="M4 1.5h5.5L13 5v9.5H4z" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M9.5 1.5V5H13" fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}
