import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi, useVirtualNow } from '../state/hooks.ts';
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

function speedLabel(s: Speed): string {
  return s === 0 ? 'Pause' : `${s}×`;
}

function Clock({ source, speed }: { source: ClusterSource; speed: Speed }) {
  const now = useVirtualNow(source);
  return (
    <div className="clock" title="Virtual cluster time since start" data-testid="clock">
      <span className={`clock-dot ${speed === 0 ? 'paused' : ''}`} />
      <span className="clock-label">cluster time</span>
      <span className="clock-value">{formatElapsed(now)}</span>
    </div>
  );
}

function Summary({ source }: { source: ClusterSource }) {
  const snap = useClusterSnapshot(source);
  const running = snap.pods.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp).length;
  return (
    <div className="summary">
      <span>
        <b>{snap.nodes.length}</b> {snap.nodes.length === 1 ? 'node' : 'nodes'}
      </span>
      <span>
        <b>{snap.pods.length}</b> {snap.pods.length === 1 ? 'pod' : 'pods'}
      </span>
      <span>
        <b>{running}</b> running
      </span>
    </div>
  );
}

export function Header({ source, ui, onReset }: { source: ClusterSource; ui: StoreApi<UiState>; onReset(): void }) {
  const speed = useUi(ui, (s) => s.speed);
  const setSpeed = useUi(ui, (s) => s.setSpeed);
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
      <Summary source={source} />
      <div className="controls">
        <Clock source={source} speed={speed} />
        <div className="speed" role="group" aria-label="Simulation speed">
          {SPEEDS.map((s) => (
            <button key={s} type="button" className={s === speed ? 'active' : ''} aria-pressed={s === speed} onClick={() => setSpeed(s)} data-testid={`speed-${s}`}>
              {s === 0 ? <PauseIcon /> : null}
              {speedLabel(s)}
            </button>
          ))}
        </div>
        <button type="button" className="reset" onClick={onReset} title="Start over with a fresh cluster" data-testid="reset">
          Reset
        </button>
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
