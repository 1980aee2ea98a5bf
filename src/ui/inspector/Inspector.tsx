import { dump } from 'js-yaml';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { EventType } from '../events/EventsPanel.tsx';
import { eventsFor, rowAge } from '../events/model.ts';
import type { T } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi } from '../state/hooks.ts';
import type { ObjRef, UiState } from '../state/uiStore.ts';
import { nodeSummary, podSummary, type Summary } from './model.ts';

function findObject(nodes: readonly Node[], pods: readonly Pod[], ref: ObjRef): Pod | Node | undefined {
  if (ref.kind === 'Node') return nodes.find((n) => n.metadata?.name === ref.name);
  return pods.find((p) => p.metadata?.name === ref.name && (p.metadata?.namespace ?? 'default') === (ref.namespace ?? 'default'));
}

/** The object as `kubectl get -o yaml` would show it, without managedFields. */
function toYaml(o: Pod | Node): string {
  const { metadata, ...rest } = o;
  const meta = { ...(metadata ?? {}) };
  delete (meta as { managedFields?: unknown }).managedFields;
  return dump({ apiVersion: rest.apiVersion, kind: rest.kind, metadata: meta, ...rest }, { lineWidth: -1, noRefs: true });
}

function StatusBadge({ s }: { s: Summary }) {
  return (
    <span className={`status-badge tone-${s.tone}`} data-testid="inspector-status">
      <span className="pod-dot" aria-hidden="true" />
      {s.status}
    </span>
  );
}

function SummaryView({ s, t }: { s: Summary; t: T }) {
  const label = { node: t('inspector.node'), ip: t('inspector.ip'), namespace: t('inspector.namespace') };
  return (
    <>
      <dl className="kv">
        <dt>{t('inspector.status')}</dt>
        <dd>
          <StatusBadge s={s} />
        </dd>
        {s.fields.map(([k, v]) => (
          <FieldRow key={k} label={label[k]} value={v} testid={`inspector-${k}`} />
        ))}
      </dl>
      {s.containers.length > 0 ? (
        <section className="insp-section">
          <h3>{t('inspector.containers')}</h3>
          <ul className="containers">
            {s.containers.map((c) => (
              <li key={`${c.init ? 'init:' : ''}${c.name}`} className="container" data-testid="inspector-container">
                <div className="container-head">
                  <span className={`ready-mark ${c.ready ? 'yes' : 'no'}`} aria-label={c.ready ? 'ready' : 'not ready'}>
                    {c.ready ? '✓' : '○'}
                  </span>
                  <span className="mono">{c.name}</span>
                  {c.init ? <span className="chip">init</span> : null}
                  <span className="spacer" />
                  <span className={c.restarts > 0 ? 'restarts warn' : 'restarts'}>
                    ↻ {c.restarts} {t('inspector.restarts')}
                  </span>
                </div>
                <div className="container-sub mono">{c.image}</div>
                <div className="container-sub">{c.state}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.conditions.length > 0 ? (
        <section className="insp-section">
          <h3>{t('inspector.conditions')}</h3>
          <table className="mini-table">
            <tbody>
              {s.conditions.map((c) => (
                <tr key={c.type} title={c.message}>
                  <td className="mono">{c.type}</td>
                  <td className={`cond ${c.status === 'True' ? 'true' : 'false'}`}>
                    <span aria-hidden="true">{c.status === 'True' ? '✓' : c.status === 'False' ? '✕' : '?'}</span> {c.status}
                  </td>
                  <td className="muted">{c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {s.resources.length > 0 ? (
        <section className="insp-section">
          <h3>
            {t('inspector.capacity')} / {t('inspector.allocatable')}
          </h3>
          <table className="mini-table">
            <tbody>
              {s.resources.map((r) => (
                <tr key={r.name}>
                  <td className="mono">{r.name}</td>
                  <td className="mono">{r.capacity}</td>
                  <td className="mono">{r.allocatable}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {s.kind === 'Node' ? (
        <section className="insp-section">
          <h3>{t('inspector.taints')}</h3>
          {s.taints.length > 0 ? s.taints.map((x) => <div key={x} className="mono small">{x}</div>) : <div className="muted">{t('inspector.none')}</div>}
        </section>
      ) : null}
      <section className="insp-section">
        <h3>{t('inspector.labels')}</h3>
        {s.labels.length > 0 ? (
          <div className="labels">
            {s.labels.map(([k, v]) => (
              <span key={k} className="label-chip mono">
                {k}={v}
              </span>
            ))}
          </div>
        ) : (
          <div className="muted">{t('inspector.none')}</div>
        )}
      </section>
    </>
  );
}

function FieldRow({ label, value, testid }: { label: string; value: string; testid: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="mono" data-testid={testid}>
        {value}
      </dd>
    </>
  );
}

/** The right-hand inspector: the selected pod or node, live. */
export function Inspector({ source, ui, nowUnixMs }: { source: ClusterSource; ui: StoreApi<UiState>; nowUnixMs(): number }) {
  const t = useT(ui);
  const snap = useClusterSnapshot(source);
  const selected = useUi(ui, (s) => s.selected);
  const select = useUi(ui, (s) => s.select);
  const [tab, setTab] = useState<'summary' | 'events' | 'yaml'>('summary');
  const obj = selected ? findObject(snap.nodes, snap.pods, selected) : undefined;
  const summary = useMemo(() => (obj ? (obj.kind === 'Node' ? nodeSummary(obj as Node) : podSummary(obj as Pod)) : undefined), [obj]);
  const events = useMemo(() => (selected ? eventsFor(snap.events, selected) : []), [snap.events, selected]);
  useSyncExternalStore(source.subscribe, () => Math.floor(source.getNow() / 1000));
  const yaml = useMemo(() => (obj && tab === 'yaml' ? toYaml(obj) : ''), [obj, tab]);
  if (!selected) return <div className="inspector-empty">{t('inspector.empty')}</div>;
  const now = nowUnixMs();
  return (
    <div className="inspector" data-testid="inspector-view" data-kind={selected.kind} data-name={selected.name}>
      <div className="insp-head">
        <span className="insp-kind">{selected.kind}</span>
        <span className="insp-name mono" title={selected.name} data-testid="inspector-name">
          {selected.name}
        </span>
        <button type="button" className="icon-btn" onClick={() => select(undefined)} aria-label={t('inspector.close')} title={t('inspector.close')}>
          ✕
        </button>
      </div>
      <div className="subtabs" role="tablist">
        {(['summary', 'events', 'yaml'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`inspector-tab-${k}`}>
            {t(`inspector.${k}`)}
            {k === 'events' && events.length > 0 ? <span className="count">{events.length}</span> : null}
          </button>
        ))}
      </div>
      <div className="insp-body">
        {!summary ? (
          <div className="muted">{t('inspector.gone')}</div>
        ) : tab === 'summary' ? (
          <SummaryView s={summary} t={t} />
        ) : tab === 'events' ? (
          events.length === 0 ? (
            <div className="muted">{t('inspector.noEvents')}</div>
          ) : (
            <ul className="insp-events" data-testid="inspector-events">
              {events.map((e) => (
                <li key={e.id}>
                  <div className="insp-event-head">
                    <EventType type={e.type} />
                    <span className="mono">{e.reason}</span>
                    <span className="spacer" />
                    <span className="muted mono">{rowAge(e, now)}</span>
                  </div>
                  <div className="insp-event-msg">{e.message}</div>
                </li>
              ))}
            </ul>
          )
        ) : (
          <pre className="yaml" data-testid="inspector-yaml">
            {yaml}
          </pre>
        )}
      </div>
    </div>
  );
}
