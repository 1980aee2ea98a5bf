import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi, useVirtualNow } from '../state/hooks.ts';
import { LOCALES, translate, type Locale } from '../i18n/strings.ts';
import { useT, type T } from '../i18n/useT.ts';
import { SPEEDS, type Speed, type UiState } from '../state/uiStore.ts';

/** `HH:MM:SS` of virtual time since the cluster started (days prefixed when over 24 hours). */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d > 0 ? `${d}d ` : ''}${hh}:${mm}:${ss}`;
}

function speedLabel(s: Speed, t: T): string {
  return s === 0 ? t('header.pause') : `${s}×`;
}

function Clock({ source, speed, t }: { source: ClusterSource; speed: Speed; t: T }) {
  const now = useVirtualNow(source);
  return (
    <div className="clock" title={t('header.clock.title')} data-testid="clock">
      <span className={`clock-dot ${speed === 0 ? 'paused' : ''}`} />
      <span className="clock-label">{t('header.clock')}</span>
      <span className="clock-value">{formatElapsed(now)}</span>
    </div>
  );
}

function Summary({ source, t }: { source: ClusterSource; t: T }) {
  const snap = useClusterSnapshot(source);
  const running = snap.pods.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp).length;
  return (
    <div className="summary">
      <span>
        <b>{snap.nodes.length}</b> {t(snap.nodes.length === 1 ? 'header.summary.node' : 'header.summary.nodes')}
      </span>
      <span>
        <b>{snap.pods.length}</b> {t(snap.pods.length === 1 ? 'header.summary.pod' : 'header.summary.pods')}
      </span>
      <span>
        <b>{running}</b> {t('header.summary.running')}
      </span>
    </div>
  );
}

export function Header({ source, ui, onReset, extra, tools }: { source: ClusterSource; ui: StoreApi<UiState>; onReset(): void; /** Controls other features add first in the bar (the lesson picker). */ extra?: ReactNode; /** Workspace controls after Reset (export, import, share). */ tools?: ReactNode }) {
  const t = useT(ui);
  const speed = useUi(ui, (s) => s.speed);
  const setSpeed = useUi(ui, (s) => s.setSpeed);
  const theme = useUi(ui, (s) => s.theme);
  const setTheme = useUi(ui, (s) => s.setTheme);
  const locale = useUi(ui, (s) => s.locale);
  const setLocale = useUi(ui, (s) => s.setLocale);
  return (
    <header className="header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M16 2.5 28.5 8.5v15L16 29.5 3.5 23.5v-15z" fill="#326ce5" />
          <circle cx="16" cy="16" r="5.2" fill="none" stroke="#fff" strokeWidth="2" />
          <path d="M16 7.5v3.3M16 21.2v3.3M8.6 11.7l2.9 1.7M20.5 18.6l2.9 1.7M8.6 20.3l2.9-1.7M20.5 13.4l2.9-1.7" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="brand-name">Kubelab</span>
        <span className="brand-version">Kubernetes 1.32</span>
      </div>
      <Summary source={source} t={t} />
      <div className="controls">
        {extra}
        <Clock source={source} speed={speed} t={t} />
        <div className="speed" role="group" aria-label={t('header.speed')}>
          {SPEEDS.map((s) => (
            <button key={s} type="button" className={s === speed ? 'active' : ''} aria-pressed={s === speed} onClick={() => setSpeed(s)} data-testid={`speed-${s}`}>
              {s === 0 ? <PauseIcon /> : null}
              {speedLabel(s, t)}
            </button>
          ))}
        </div>
        <button type="button" className="reset" onClick={onReset} title={t('header.reset.title')} data-testid="reset">
          {t('header.reset')}
        </button>
        {tools}
        <button
          type="button"
          className="icon-btn theme-toggle"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={t(theme === 'dark' ? 'header.theme.light' : 'header.theme.dark')}
          title={t(theme === 'dark' ? 'header.theme.light' : 'header.theme.dark')}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
        <select className="lang" value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('header.language')} title={t('header.language')} data-testid="language">
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {translate(l, 'lang.name')}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
      <rect x="2" y="1.5" width="2.6" height="9" rx="0.6" fill="currentColor" />
      <rect x="7.4" y="1.5" width="2.6" height="9" rx="0.6" fill="currentColor" />
    </svg>
  );
}

function SunIcon() {
  return (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <circle cx="8" cy="8" r="3.2" fill="currentColor" />
      <path d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

function MoonIcon() {
  return (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <path d="M13.5 10.2A6 6 0 0 1 5.8 2.5a6 6 0 1 0 7.7 7.7z" fill="currentColor" />
    </svg>
  );
}
