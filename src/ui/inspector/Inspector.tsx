import { editCommand } from './editCommand.ts';
import { dump } from 'js-yaml';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { KubeObject } from '../../engine/index.ts';
import { EventType } from '../events/EventsPanel.tsx';
import { eventsFor, rowAge } from '../events/model.ts';
import type { MessageKey } from '../i18n/strings.ts';
import type { T } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import { TRACKED_KINDS, type ClusterSource, type TrackedKind } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi } from '../state/hooks.ts';
import type { ObjRef, UiState } from '../state/uiStore.ts';
import { TONE_ICON } from '../topology/cards.tsx';
import { useAsync } from '../state/useAsync.ts';
import { objectSummary, type Summary } from './model.ts';
import { relations, type Relation } from './related.ts';
import { serviceEndpoints } from './endpoints.ts';
import { MeshEdgeInspector } from '../topology/meshInspector.tsx';
import { MESH_EDGE_KIND } from '../topology/meshModel.ts';

/** The object as `kubectl get -o yaml` would show it, without managedFields. */
export function toYaml(o: KubeObject): string {
  const { apiVersion, kind, metadata, ...rest } = o as KubeObject & Record<string, unknown>;
  const meta = { ...(metadata ?? {}) };
  delete (meta as { managedFields?: unknown }).managedFields;
  return dump({ apiVersion, kind, metadata: meta, ...rest }, { lineWidth: -1, noRefs: true });
}

/** The selected object: from the live snapshot for the kinds it follows, else asked of the cluster. */
function findObject(byKind: Readonly<Record<TrackedKind, readonly KubeObject[]>>, ref: ObjRef, fetched: KubeObject | undefined): KubeObject | undefined {
  if (ref.kind in TRACKED_KINDS) {
    const list = byKind[ref.kind as TrackedKind];
    return list.find((o) => o.metadata?.name === ref.name && (ref.kind === 'Node' || (o.metadata?.namespace ?? 'default') === (ref.namespace ?? 'default') || !o.metadata?.namespace));
  }
  // Asked of the cluster (in the worker); an answer for an earlier selection does not count.
  return fetched && fetched.kind === ref.kind && fetched.metadata?.name === ref.name ? fetched : undefined;
}

const LABEL: Record<string, MessageKey> = {
  node: 'inspector.node',
  ip: 'inspector.ip',
  namespace: 'inspector.namespace',
  type: 'inspector.type',
  selector: 'inspector.selector',
  ports: 'inspector.ports',
};

function StatusBadge({ s }: { s: Summary }) {
  return (
    <span className={`status-badge tone-${s.tone}`} data-testid="inspector-status">
      <span className="pod-dot" aria-hidden="true">
        {TONE_ICON[s.tone]}
      </span>
      {s.status}
    </span>
  );
}

function KeyValues({ title, entries, t, testid }: { title: string; entries: Array<[string, string]>; t: T; testid: string }) {
  return (
    <section className="insp-section" data-testid={testid}>
      <h3>{title}</h3>
      {entries.length > 0 ? (
        <div className="labels">
          {entries.map(([k, v]) => (
            <span key={k} className="label-chip mono" title={`${k}=${v}`}>
              {k}={v.length > 80 ? `${v.slice(0, 80)}…` : v}
            </span>
          ))}
        </div>
      ) : (
        <div className="muted">{t('inspector.none')}</div>
      )}
    </section>
  );
}

function SummaryView({ s, t, extra }: { s: Summary; t: T; extra?: React.ReactNode }) {
  return (
    <>
      <dl className="kv">
        <dt>{t('inspector.status')}</dt>
        <dd>
          <StatusBadge s={s} />
        </dd>
        {s.fields.map(([k, v]) => (
          <FieldRow key={k} label={LABEL[k] ? t(LABEL[k]) : k} value={v} testid={`inspector-${k}`} />
        ))}
      </dl>
      {extra}
      {s.containers.length > 0 ? (
        <section className="insp-section">
          <h3>{t('inspector.containers')}</h3>
          <ul className="containers">
            {s.containers.map((c) => (
              <li key={`${c.init ? 'init:' : ''}${c.name}`} className="container" data-testid="inspector-container">
                <div className="container-head">
                  <span className={`ready-mark ${c.ready ? 'yes' : 'no'}`} aria-label={t(c.ready ? 'inspector.ready' : 'inspector.notReady')}>
                    {c.ready ? '✓' : '○'}
                  </span>
                  <span className="mono">{c.name}</span>
                  {c.init ? <span className="chip">{t('inspector.init')}</span> : null}
                  {c.name === 'istio-proxy' ? <span className="chip">{t('inspector.sidecar')}</span> : null}
                  <span className="spacer" />
                  <span className={c.restarts > 0 ? 'restarts warn' : 'restarts'}>
                    ↻ {c.restarts} {t('inspector.restarts')}
                  </span>
                </div>
                <div className="container-sub mono">{c.image}</div>
                <div className="container-sub">{c.state}</div>
                {c.probes?.map((p) => (
                  <div key={p} className="container-sub mono small" data-testid="inspector-probe">
                    {p}
                  </div>
                ))}
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
      <KeyValues title={t('inspector.labels')} entries={s.labels} t={t} testid="inspector-labels" />
      <KeyValues title={t('inspector.annotations')} entries={s.annotations} t={t} testid="inspector-annotations" />
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

const RELATION_LABEL: Record<Relation['relation'], MessageKey> = {
  owner: 'inspector.owner',
  owned: 'inspector.owned',
  selectedBy: 'inspector.selectedBy',
  selects: 'inspector.pods',
  node: 'inspector.node',
  pods: 'inspector.pods',
  backend: 'inspector.related',
  routedBy: 'inspector.selectedBy',
};

function RefLink({ r, onSelect }: { r: ObjRef; onSelect(r: ObjRef): void }) {
  return (
    <button type="button" className="link mono" onClick={() => onSelect(r)} data-testid="inspector-ref" data-kind={r.kind} data-name={r.name}>
      {r.kind.toLowerCase()}/{r.name}
    </button>
  );
}

function RelatedView({ rels, t, onSelect }: { rels: Relation[]; t: T; onSelect(r: ObjRef): void }) {
  if (rels.length === 0) return <div className="muted">{t('inspector.none')}</div>;
  const groups = new Map<Relation['relation'], Relation[]>();
  for (const r of rels) groups.set(r.relation, [...(groups.get(r.relation) ?? []), r]);
  return (
    <div data-testid="inspector-related">
      {[...groups].map(([rel, list]) => (
        <section key={rel} className="insp-section">
          <h3>{t(RELATION_LABEL[rel])}</h3>
          <ul className="ref-list">
            {list.slice(0, 200).map((r) => (
              <li key={`${r.ref.kind}/${r.ref.namespace ?? ''}/${r.ref.name}`}>
                <RefLink r={r.ref} onSelect={onSelect} />
                {r.note ? <span className="muted small"> {r.note}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function LogsView({ source, obj, containers, t }: { source: ClusterSource; obj: KubeObject; containers: string[]; t: T }) {
  const [container, setContainer] = useState(containers[0]);
  const c = containers.includes(container ?? '') ? container : containers[0];
  const second = useSyncExternalStore(source.subscribe, () => Math.floor(source.getNow() / 1000));
  const { text, error } = useAsync(() => source.lab?.logTail(obj.metadata?.namespace ?? 'default', obj.metadata?.name ?? '', c, 40), [source, obj.metadata?.namespace, obj.metadata?.name, c, second]) ?? { text: '' };
  return (
    <div>
      {containers.length > 1 ? (
        <select value={c} onChange={(e) => setContainer(e.target.value)} aria-label={t('inspector.containers')} className="insp-select">
          {containers.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      ) : null}
      {error ? <div className="insp-error mono small">{error}</div> : null}
      <pre className="yaml logs" data-testid="inspector-logs">
        {text || (error ? '' : t('inspector.none'))}
      </pre>
    </div>
  );
}

function RulesView({ source, obj, nodes, slices, t }: { source: ClusterSource; obj: KubeObject; nodes: string[]; slices: readonly KubeObject[]; t: T }) {
  const [node, setNode] = useState(nodes[0]);
  const n = nodes.includes(node ?? '') ? node : nodes[0];
  // The rules change with the Service and its endpoints: recompute then, not on every pod status change.
  const rules = useAsync(() => {
    const spec = (obj as { spec?: { clusterIP?: string; clusterIPs?: string[] } }).spec;
    const ips = spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : []);
    return n ? source.lab?.proxyRules(n, obj.metadata?.namespace ?? 'default', obj.metadata?.name ?? '', ips) : undefined;
  }, [n, obj, slices, source]);
  return (
    <div>
      <label className="insp-inline">
        {t('inspector.node')}{' '}
        <select value={n} onChange={(e) => setNode(e.target.value)} className="insp-select" data-testid="inspector-rules-node">
          {nodes.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
        {rules ? <span className="muted small"> {rules.mode}</span> : null}
      </label>
      <pre className="yaml rules" data-testid="inspector-rules">
        {rules?.lines.length ? rules.lines.join('\n') : t('inspector.none')}
      </pre>
    </div>
  );
}

type Tab = 'summary' | 'related' | 'events' | 'yaml' | 'logs' | 'rules';
const TAB_LABEL: Record<Tab, MessageKey> = { summary: 'inspector.summary', related: 'inspector.related', events: 'inspector.events', yaml: 'inspector.yaml', logs: 'inspector.logs', rules: 'inspector.rules' };

/** The right-hand inspector: any selected object, live. */
export function Inspector({ source, ui, nowUnixMs, until, onEdit }: { source: ClusterSource; ui: StoreApi<UiState>; nowUnixMs(): number; /** A past moment's instant (Unix ms): later events are not listed. */ until?: number; /** Open the object in the editor with `kubectl edit` (absent: read-only, e.g. a past moment). */ onEdit?: (ref: ObjRef) => void }) {
  const t = useT(ui);
  const snap = useClusterSnapshot(source);
  const selected = useUi(ui, (s) => s.selected);
  const select = useUi(ui, (s) => s.select);
  const [tab, setTab] = useState<Tab>('summary');
  const fetched = useAsync(() => (selected && !(selected.kind in TRACKED_KINDS) && selected.kind !== MESH_EDGE_KIND ? source.lab?.get(selected.kind, selected.name, selected.namespace) : undefined), [source, selected, snap.version]);
  const obj = selected ? findObject(snap.byKind, selected, fetched) : undefined;
  const summary = useMemo(() => (obj ? objectSummary(obj) : undefined), [obj]);
  const events = useMemo(() => (selected ? eventsFor(snap.events, selected, until) : []), [snap.events, selected, until]);
  const rels = useMemo(() => (obj && tab === 'related' ? relations(obj, snap.byKind) : []), [obj, tab, snap.byKind]);
  const endpoints = useMemo(() => (obj?.kind === 'Service' ? serviceEndpoints(obj, snap.byKind.EndpointSlice) : undefined), [obj, snap.byKind.EndpointSlice]);
  useSyncExternalStore(source.subscribe, () => Math.floor(source.getNow() / 1000));
  const yaml = useMemo(() => (obj && tab === 'yaml' ? toYaml(obj) : ''), [obj, tab]);
  if (!selected) return <div className="inspector-empty">{t('inspector.empty')}</div>;
  // An edge of the graph's mesh view: its traffic figures rather than an object.
  if (selected.kind === MESH_EDGE_KIND) return <MeshEdgeInspector source={source} id={selected.name} t={t} onSelect={select} onClose={() => select(undefined)} />;
  const now = nowUnixMs();
  const tabs: Tab[] = ['summary', 'related', 'events', 'yaml', ...(selected.kind === 'Pod' ? (['logs'] as Tab[]) : []), ...(selected.kind === 'Service' ? (['rules'] as Tab[]) : [])];
  const active = tabs.includes(tab) ? tab : 'summary';
  const goTo = (r: ObjRef) => select(r);
  const endpointSection = endpoints ? (
    <section className="insp-section">
      <h3>{t('inspector.endpoints')}</h3>
      {endpoints.length === 0 ? (
        <div className="muted">{t('inspector.none')}</div>
      ) : (
        <table className="mini-table" data-testid="inspector-endpoints">
          <tbody>
            {endpoints.map((e) => (
              <tr key={`${e.address}:${e.pod ?? ''}`}>
                <td className="mono">{e.address}</td>
                <td className={`cond ${e.ready ? 'true' : 'false'}`}>
                  <span aria-hidden="true">{e.ready ? '✓' : '✕'}</span> {t(e.ready ? 'inspector.ready' : 'inspector.notReady')}
                </td>
                <td>{e.pod ? <RefLink r={{ kind: 'Pod', name: e.pod, namespace: obj?.metadata?.namespace }} onSelect={goTo} /> : null}</td>
                <td className="muted mono small">{e.node ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  ) : null;
  return (
    <div className="inspector" data-testid="inspector-view" data-kind={selected.kind} data-name={selected.name}>
      <div className="insp-head">
        <span className="insp-kind">{selected.kind}</span>
        <span className="insp-name mono" title={selected.name} data-testid="inspector-name">
          {selected.name}
        </span>
        {onEdit ? (
          <button type="button" className="btn" onClick={() => onEdit(selected)} title={editCommand(selected)} data-testid="inspector-edit">
            {t('inspector.edit')}
          </button>
        ) : null}
        <button type="button" className="icon-btn" onClick={() => select(undefined)} aria-label={t('inspector.close')} title={t('inspector.close')}>
          ✕
        </button>
      </div>
      <div className="subtabs" role="tablist">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={active === k} className={active === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`inspector-tab-${k}`}>
            {t(TAB_LABEL[k])}
            {k === 'events' && events.length > 0 ? <span className="count">{events.length}</span> : null}
          </button>
        ))}
      </div>
      <div className="insp-body">
        {!summary || !obj ? (
          <div className="muted">{t('inspector.gone')}</div>
        ) : active === 'summary' ? (
          <SummaryView s={summary} t={t} extra={endpointSection} />
        ) : active === 'related' ? (
          <RelatedView rels={rels} t={t} onSelect={goTo} />
        ) : active === 'events' ? (
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
        ) : active === 'logs' ? (
          <LogsView source={source} obj={obj} containers={summary.containers.map((c) => c.name)} t={t} />
        ) : active === 'rules' ? (
          <RulesView source={source} obj={obj} nodes={snap.nodes.map((n) => n.metadata?.name ?? '').sort()} slices={snap.byKind.EndpointSlice} t={t} />
        ) : (
          <pre className="yaml" data-testid="inspector-yaml">
            {yaml}
          </pre>
        )}
      </div>
    </div>
  );
}
