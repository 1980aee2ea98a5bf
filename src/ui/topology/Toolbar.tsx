import type { StoreApi } from 'zustand/vanilla';
import type { T } from '../i18n/useT.ts';
import { useUi } from '../state/hooks.ts';
import type { GraphView, UiState } from '../state/uiStore.ts';

/** The graph's toolbar: node/owner view switch, namespace filter, search, and the scheduling overlay toggle. */
/** The re-layout button's label and title per locale (the owner view only). */
const RELAYOUT: Record<string, [string, string]> = {
  en: ['Re-layout', 'Lay the whole graph out afresh (otherwise objects keep their place as others come and go)'],
  'zh-CN': ['重新布局', '重新排布整张图（否则对象增减时其余对象保持原位）'],
};

export function GraphToolbar({ ui, t, namespaces, canExplain, onRelayout, meshInstalled }: { ui: StoreApi<UiState>; t: T; namespaces: readonly string[]; canExplain: boolean; onRelayout?: () => void; /** Istio runs: the mesh view can be chosen. */ meshInstalled?: boolean }) {
  const view = useUi(ui, (s) => s.graphView);
  const namespace = useUi(ui, (s) => s.namespace);
  const search = useUi(ui, (s) => s.search);
  const overlay = useUi(ui, (s) => s.schedulingOverlay);
  const detail = useUi(ui, (s) => s.detail);
  const locale = useUi(ui, (s) => s.locale);
  const st = ui.getState();
  return (
    <div className="graph-toolbar" role="toolbar" aria-label={t('graph.view')}>
      <div className="seg" role="radiogroup" aria-label={t('graph.view')}>
        {(['nodes', 'owners'] as GraphView[]).map((v) => (
          <button key={v} type="button" role="radio" aria-checked={view === v} className={view === v ? 'active' : ''} onClick={() => st.setGraphView(v)} data-testid={`graph-view-${v}`}>
            {t(v === 'nodes' ? 'graph.view.nodes' : 'graph.view.owners')}
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={view === 'mesh'}
          className={view === 'mesh' ? 'active' : ''}
          disabled={!meshInstalled && view !== 'mesh'}
          title={meshInstalled ? t('graph.mesh.title') : t('graph.mesh.install')}
          onClick={() => st.setGraphView('mesh')}
          data-testid="graph-view-mesh"
        >
          {t('graph.view.mesh')}
        </button>
      </div>
      <label className="tb-field">
        <span className="sr-only">{t('graph.namespace')}</span>
        <select value={namespace} onChange={(e) => st.setNamespace(e.target.value)} data-testid="graph-namespace" aria-label={t('graph.namespace')}>
          <option value="">{t('graph.namespace.all')}</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <label className="tb-field tb-search">
        <span className="sr-only">{t('graph.search')}</span>
        <span aria-hidden="true" className="tb-search-icon">
          ⌕
        </span>
        <input
          type="search"
          value={search}
          placeholder={t('graph.search.placeholder')}
          onChange={(e) => st.setSearch(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && st.setSearch('')}
          data-testid="graph-search"
          aria-label={t('graph.search')}
        />
      </label>
      <button
        type="button"
        className={`tb-toggle${detail === 'full' ? ' active' : ''}`}
        aria-pressed={detail === 'full'}
        title={t('graph.detail.title')}
        onClick={() => st.setDetail(detail === 'full' ? 'auto' : 'full')}
        data-testid="graph-detail"
      >
        <span aria-hidden="true">▦ </span>
        {t('graph.detail')}
      </button>
      <button
        type="button"
        className={`tb-toggle${overlay ? ' active' : ''}`}
        aria-pressed={overlay}
        disabled={!canExplain}
        title={canExplain ? t('graph.scheduling.title') : t('graph.scheduling.pick')}
        onClick={() => st.setSchedulingOverlay(!overlay)}
        data-testid="graph-scheduling"
      >
        <span aria-hidden="true">⚖ </span>
        {t('graph.scheduling')}
      </button>
      {onRelayout ? (
        <button type="button" className="tb-toggle" title={(RELAYOUT[locale] ?? RELAYOUT.en)[1]} onClick={onRelayout} data-testid="graph-relayout">
          <span aria-hidden="true">⟲ </span>
          {(RELAYOUT[locale] ?? RELAYOUT.en)[0]}
        </button>
      ) : null}
    </div>
  );
}
