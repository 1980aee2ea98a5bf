import { useEffect, useMemo, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi } from '../state/hooks.ts';
import type { T } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import { graphId, refFromGraphId, type UiState } from '../state/uiStore.ts';
import { TopologyCanvas } from './flowAdapter.tsx';
import { buildTopology, pickBoxesPerRow, podCountsByBox } from './model.ts';

const LEGEND = ['running', 'pending', 'failing', 'terminating', 'completed'] as const;

export function Legend({ t }: { t: T }) {
  return (
    <div className="legend">
      {LEGEND.map((tone) => (
        <span key={tone} className={`legend-item tone-${tone}`}>
          <span className="pod-dot" />
          {t(`legend.${tone}`)}
        </span>
      ))}
    </div>
  );
}

/** The live view: nodes and the pods on them, redrawn at most once per animation frame. */
export function TopologyPanel({ source, ui }: { source: ClusterSource; ui: StoreApi<UiState> }) {
  const t = useT(ui);
  const snap = useClusterSnapshot(source);
  const selected = useUi(ui, (s) => graphId(s.selected));
  const theme = useUi(ui, (s) => s.theme);
  const select = useUi(ui, (s) => s.select);
  const host = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const topology = useMemo(() => {
    const perRow = pickBoxesPerRow(podCountsByBox(snap.nodes, snap.pods), size, 1.15);
    return buildTopology(snap.nodes, snap.pods, { boxesPerRow: perRow });
  }, [snap, size]);
  return (
    <div className="topology" data-testid="topology" ref={host}>
      {topology.boxes.length > 0 ? <TopologyCanvas topology={topology} selectedId={selected} onSelect={(id) => select(id ? refFromGraphId(id) : undefined)} theme={theme} /> : null}
      {snap.nodes.length === 0 ? (
        <div className="empty">
          <div className="empty-title">{t('graph.noNodes')}</div>
          <div className="empty-text">{t('graph.noNodes.text')}</div>
        </div>
      ) : snap.pods.length === 0 ? (
        <div className="empty floating">
          <div className="empty-title">{t('graph.noPods')}</div>
          <div className="empty-text">
            {t('graph.noPods.try')} <code>kubectl create deployment web --image=nginx --replicas=3</code>
          </div>
        </div>
      ) : null}
    </div>
  );
}
