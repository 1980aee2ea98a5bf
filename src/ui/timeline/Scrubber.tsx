import { useSyncExternalStore } from 'react';
import type { ClusterSource } from '../state/clusterSource.ts';
import { clockLabel, snap, STEP_MS } from './model.ts';
import type { Timeline } from './useTimeline.ts';
import './timeline.css';

const TEXT: Record<string, { viewing: string; readOnly: string; resume: string; live: string; confirm: string; label: string }> = {
  en: { viewing: 'Viewing', readOnly: 'read-only', resume: 'Resume from here', live: 'Back to live', confirm: 'Resume from this moment? Everything you did after it is dropped.', label: 'Cluster time' },
  'zh-CN': { viewing: '正在查看', readOnly: '只读', resume: '从此处继续', live: '回到实时', confirm: '从这一刻继续？之后的所有操作都将被丢弃。', label: '集群时间' },
};

export function timelineText(locale: string) {
  return TEXT[locale] ?? TEXT.en;
}

/** The events timeline's scrubber: drag to a past moment to see the cluster as it was then. */
export function Scrubber({ timeline, source, startUnixMs, locale }: { timeline: Timeline; source: ClusterSource; startUnixMs: number; locale: string }) {
  const t = timelineText(locale);
  // The live lab's virtual time, in whole seconds (one render per virtual second).
  const now = useSyncExternalStore(source.subscribe, () => Math.floor(source.getNow() / STEP_MS) * STEP_MS);
  const value = timeline.at ?? now;
  return (
    <div className={`scrubber${timeline.at !== undefined ? ' past' : ''}`} data-testid="timeline-scrubber">
      <input
        type="range"
        min={0}
        max={Math.max(now, STEP_MS)}
        step={STEP_MS}
        value={value}
        aria-label={t.label}
        aria-valuetext={clockLabel(startUnixMs, value)}
        onChange={(e) => {
          const v = snap(Number(e.target.value), now);
          if (v >= now) timeline.live();
          else timeline.scrub(v);
        }}
        data-testid="timeline-range"
      />
      <span className="scrubber-time mono" data-testid="timeline-time">
        {clockLabel(startUnixMs, value)}
      </span>
    </div>
  );
}

/** Over the graph while a past moment is shown: what is shown, and the two ways out. */
export function TimelineBanner({ timeline, startUnixMs, locale }: { timeline: Timeline; startUnixMs: number; locale: string }) {
  if (timeline.at === undefined) return null;
  const t = timelineText(locale);
  return (
    <div className="timeline-banner" role="status" data-testid="timeline-banner" data-ready={timeline.past ? 'true' : 'false'}>
      <span>
        {t.viewing} <b className="mono">{clockLabel(startUnixMs, timeline.at)}</b> — {t.readOnly}
      </span>
      <span className="timeline-sep" aria-hidden="true">·</span>
      {/* The two ways out stay together when the banner wraps (a phone). */}
      <span className="timeline-actions">
        <button type="button" className="link" disabled={!timeline.past} onClick={() => window.confirm(t.confirm) && timeline.resume()} data-testid="timeline-resume">
          {t.resume}
        </button>
        <span aria-hidden="true">·</span>
        <button type="button" className="link" onClick={timeline.live} data-testid="timeline-live">
          {t.live}
        </button>
      </span>
    </div>
  );
}
