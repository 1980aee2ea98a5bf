import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../i18n/useT.ts';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi } from '../state/hooks.ts';
import type { UiState } from '../state/uiStore.ts';
import { eventRows, rowAge, type EventRow } from './model.ts';

/** Type icon plus text, so Warning and Normal differ by more than colour. */
export function EventType({ type }: { type: EventRow['type'] }) {
  return (
    <span className={`event-type ${type === 'Warning' ? 'warning' : 'normal'}`}>
      <span aria-hidden="true">{type === 'Warning' ? '⚠' : 'ℹ'}</span> {type}
    </span>
  );
}

/** The live events timeline, newest first. Clicking a pod or node selects it in the inspector. */
export function EventsPanel({ source, ui, nowUnixMs, until, scrubber }: { source: ClusterSource; ui: StoreApi<UiState>; nowUnixMs(): number; /** A past moment's instant (Unix ms): later events are not listed. */ until?: number; scrubber?: ReactNode }) {
  const t = useT(ui);
  const snap = useClusterSnapshot(source);
  const select = useUi(ui, (s) => s.select);
  const setInspectorOpen = useUi(ui, (s) => s.setInspectorOpen);
  const rows = useMemo(() => eventRows(snap.events, 300, until), [snap.events, until]);
  // Re-render for ages once per virtual second, not every frame.
  useSyncExternalStore(source.subscribe, () => Math.floor(source.getNow() / 1000));
  const now = nowUnixMs();
  if (rows.length === 0)
    return (
      <>
        {scrubber}
        <div className="events-empty">{t('events.empty')}</div>
      </>
    );
  return (
    <div className="events-scroll" data-testid="events">
      {scrubber}
      <table className="events-table">
        <thead>
          <tr>
            <th>{t('events.col.type')}</th>
            <th>{t('events.col.reason')}</th>
            <th>{t('events.col.object')}</th>
            <th className="events-msg">{t('events.col.message')}</th>
            <th>{t('events.col.age')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.type === 'Warning' ? 'warning' : ''} data-testid="event-row">
              <td>
                <EventType type={r.type} />
              </td>
              <td className="mono">{r.reason}</td>
              <td className="mono">
                {r.ref ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      select(r.ref);
                      setInspectorOpen(true);
                      ui.getState().setNarrowTab('inspector');
                    }}
                    data-testid="event-object"
                  >
                    {r.object}
                  </button>
                ) : (
                  r.object
                )}
              </td>
              <td className="events-msg">
                {r.message}
                {r.count > 1 ? <span className="event-count"> ×{r.count}</span> : null}
              </td>
              <td className="mono nowrap">{rowAge(r, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
