import { useEffect, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';
import type { StoreApi } from 'zustand/vanilla';
import { useT, type T } from '../i18n/useT.ts';
import { useUi } from '../state/hooks.ts';
import { DOCK_TABS, NARROW_TABS, type DockTab, type NarrowTab, type UiState } from '../state/uiStore.ts';
import { Legend } from '../topology/TopologyPanel.tsx';
import { Slot } from './Slot.tsx';

export type PanelName = 'graph' | 'terminal' | 'editor' | 'events' | 'inspector';
export const PANEL_NAMES: readonly PanelName[] = ['graph', 'terminal', 'editor', 'events', 'inspector'];

const DOCK_LABEL: Record<DockTab, 'panel.terminal' | 'panel.editor' | 'panel.events'> = { terminal: 'panel.terminal', editor: 'panel.editor', events: 'panel.events' };
const NARROW_LABEL: Record<NarrowTab, 'panel.cluster' | 'panel.terminal' | 'panel.editor' | 'panel.events' | 'panel.inspector'> = {
  cluster: 'panel.cluster',
  terminal: 'panel.terminal',
  editor: 'panel.editor',
  events: 'panel.events',
  inspector: 'panel.inspector',
};

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function TerminalHint({ t }: { t: T }) {
  return (
    <span className="panel-hint">
      <kbd>↑</kbd>
      <kbd>↓</kbd> {t('terminal.hint.history')} · <kbd>Ctrl</kbd>+<kbd>C</kbd> {t('terminal.hint.cancel')} · <kbd>Ctrl</kbd>+<kbd>L</kbd> {t('terminal.hint.clear')} · <code>help</code>
    </span>
  );
}

function Tabs<K extends string>({ tabs, active, label, onSelect, t, labels, idPrefix }: { tabs: readonly K[]; active: K; label: string; onSelect(k: K): void; t: T; labels: Record<K, Parameters<T>[0]>; idPrefix: string }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((k) => (
        <button key={k} type="button" role="tab" aria-selected={k === active} className={k === active ? 'active' : ''} onClick={() => onSelect(k)} data-testid={`${idPrefix}-${k}`}>
          {t(labels[k])}
        </button>
      ))}
    </div>
  );
}

/**
 * The wide layout: the cluster graph in the centre, the dock (Terminal | Editor | Events) below it, the
 * inspector on the right. Panels resize by dragging (or with the keyboard on a separator); sizes persist.
 */
export function WideWorkspace({ ui, hosts }: { ui: StoreApi<UiState>; hosts: Record<PanelName, HTMLElement> }) {
  const t = useT(ui);
  const dockTab = useUi(ui, (s) => s.dockTab);
  const setDockTab = useUi(ui, (s) => s.setDockTab);
  const inspectorOpen = useUi(ui, (s) => s.inspectorOpen);
  const setInspectorOpen = useUi(ui, (s) => s.setInspectorOpen);
  const main = useDefaultLayout({ id: 'kubelab-main', storage: storage(), onlySaveAfterUserInteractions: true });
  const center = useDefaultLayout({ id: 'kubelab-center', storage: storage(), onlySaveAfterUserInteractions: true });
  const inspector = usePanelRef();
  useEffect(() => {
    const p = inspector.current;
    if (!p) return;
    if (inspectorOpen && p.isCollapsed()) p.expand();
    else if (!inspectorOpen && !p.isCollapsed()) p.collapse();
  }, [inspectorOpen, inspector]);
  return (
    <Group orientation="horizontal" className="workspace" defaultLayout={main.defaultLayout} onLayoutChanged={main.onLayoutChanged} id="kubelab-main">
      <Panel id="center" minSize="35%">
        <Group orientation="vertical" defaultLayout={center.defaultLayout} onLayoutChanged={center.onLayoutChanged} id="kubelab-center">
          <Panel id="graph" minSize="15%" defaultSize="55%">
            <PanelFrame label={t('panel.cluster')} head={<Legend t={t} />} extra={!inspectorOpen ? <ShowInspector t={t} onClick={() => setInspectorOpen(true)} /> : null}>
              <Slot host={hosts.graph} />
            </PanelFrame>
          </Panel>
          <Separator className="sep sep-row" />
          <Panel id="dock" minSize="15%" defaultSize="45%">
            <section className="panel dock" aria-label={t(DOCK_LABEL[dockTab])}>
              <div className="panel-head">
                <Tabs tabs={DOCK_TABS} active={dockTab} label={t('panel.tabs')} onSelect={setDockTab} t={t} labels={DOCK_LABEL} idPrefix="dock-tab" />
                {dockTab === 'terminal' ? <TerminalHint t={t} /> : null}
              </div>
              <div className="panel-body">
                <Slot host={hosts[dockTab]} />
              </div>
            </section>
          </Panel>
        </Group>
      </Panel>
      <Separator className="sep sep-col" />
      <Panel
        id="inspector"
        panelRef={inspector}
        collapsible
        collapsedSize={0}
        minSize="260px"
        defaultSize="26%"
        onResize={(size) => {
          const open = size.inPixels > 0;
          if (open !== ui.getState().inspectorOpen) setInspectorOpen(open);
        }}
      >
        <PanelFrame label={t('panel.inspector')} extra={<button type="button" className="icon-btn" onClick={() => setInspectorOpen(false)} aria-label={t('panel.inspector.hide')} title={t('panel.inspector.hide')} data-testid="inspector-hide">⟩</button>}>
          <Slot host={hosts.inspector} />
        </PanelFrame>
      </Panel>
    </Group>
  );
}

function ShowInspector({ t, onClick }: { t: T; onClick(): void }) {
  return (
    <button type="button" className="icon-btn" onClick={onClick} aria-label={t('panel.inspector.show')} title={t('panel.inspector.show')} data-testid="inspector-show">
      ⟨
    </button>
  );
}

function PanelFrame({ label, head, extra, children }: { label: string; head?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-label={label}>
      <div className="panel-head">
        <span className="panel-title">{label}</span>
        {head}
        {extra}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** The narrow layout (phones, from 360 px): one panel at a time, chosen by a tab bar. */
export function NarrowWorkspace({ ui, hosts }: { ui: StoreApi<UiState>; hosts: Record<PanelName, HTMLElement> }) {
  const t = useT(ui);
  const tab = useUi(ui, (s) => s.narrowTab);
  const setTab = useUi(ui, (s) => s.setNarrowTab);
  const host = tab === 'cluster' ? hosts.graph : hosts[tab];
  return (
    <div className="narrow">
      <Tabs tabs={NARROW_TABS} active={tab} label={t('panel.tabs')} onSelect={setTab} t={t} labels={NARROW_LABEL} idPrefix="narrow-tab" />
      <section className="panel narrow-panel" aria-label={t(NARROW_LABEL[tab])}>
        <div className="panel-body">
          <Slot host={host} />
        </div>
      </section>
    </div>
  );
}
