import type { Pod } from 'kubernetes-types/core/v1';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSource } from '../state/clusterSource.ts';
import { useClusterSnapshot, useUi } from '../state/hooks.ts';
import type { T } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import { graphId, refFromGraphId, type UiState } from '../state/uiStore.ts';
import { CardWordsCtx, TONE_ICON } from './cards.tsx';
import { translate } from '../i18n/strings.ts';
import { TopologyCanvas } from './flowAdapter.tsx';
import { buildTopology, LAYOUT, pickBoxesPerRow, podCountsByBox } from './model.ts';
import { verdicts } from './overlay.ts';
import { useAsync } from '../state/useAsync.ts';
import { explainVia, traceView } from '../worker/views.ts';
import { buildOwnerTopology } from './ownerModel.ts';
import { withServiceLayer } from './layout/serviceLayer.ts';
import { LayoutMemory, useAutoLayout } from './layout/useAutoLayout.ts';
import { SYSTEM_NAMESPACES } from './pods.ts';
import { SchedulingPanel } from './SchedulingPanel.tsx';
import { SlotMemory } from './slots.ts';
import { GraphToolbar } from './Toolbar.tsx';
import { TryCommand } from './TryCommand.tsx';
import { meshInstalled, MeshView } from './meshView.tsx';
import { useTraceAnimation } from './useTrace.ts';
import './topology.css';

/** Above this many pod cards the graph drops per-card transitions and animations. */
const CROWDED = 150;

const LEGEND = ['running', 'pending', 'failing', 'terminating', 'completed'] as const;

export function Legend({ t }: { t: T }) {
  return (
    <div className="legend">
      {LEGEND.map((tone) => (
        <span key={tone} className={`legend-item tone-${tone}`}>
          <span className="pod-dot" aria-hidden="true">
            {TONE_ICON[tone]}
          </span>
          {t(`legend.${tone}`)}
        </span>
      ))}
    </div>
  );
}

/** The live view: nodes and the pods on them (or workloads and their pods), redrawn at most once per animation frame. */
export function TopologyPanel({ source, ui, onTry }: { source: ClusterSource; ui: StoreApi<UiState>; /** Put a suggested command at the terminal prompt. */ onTry?: (command: string) => void }) {
  const t = useT(ui);
  const locale = useUi(ui, (s) => s.locale);
  // One value per language, so the cards below re-render only when it changes.
  const cardWords = useMemo(
    () => ({ zeroPods: translate(locale, 'graph.box.zeroPods'), pod: translate(locale, 'header.summary.pod'), pods: translate(locale, 'header.summary.pods') }),
    [locale],
  );
  const snap = useClusterSnapshot(source);
  const selectedRef = useUi(ui, (s) => s.selected);
  const selected = graphId(selectedRef);
  const theme = useUi(ui, (s) => s.theme);
  const select = useUi(ui, (s) => s.select);
  const view = useUi(ui, (s) => s.graphView);
  const namespace = useUi(ui, (s) => s.namespace);
  const search = useUi(ui, (s) => s.search);
  const overlayOn = useUi(ui, (s) => s.schedulingOverlay);
  const detail = useUi(ui, (s) => s.detail);
  const host = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [zoomedOut, setZoomedOut] = useState(false);
  const [slots] = useState(() => ({ nodes: new SlotMemory(), owners: new SlotMemory() }));
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The scheduling overlay: for a selected pod that is not bound yet, or any pod when switched on.
  const selectedPod = selectedRef?.kind === 'Pod' ? (snap.pods.find((p) => p.metadata?.name === selectedRef.name && (p.metadata?.namespace ?? 'default') === (selectedRef.namespace ?? 'default')) as Pod | undefined) : undefined;
  const wantOverlay = !!selectedPod && view === 'nodes' && (overlayOn || !selectedPod.spec?.nodeName);
  const explanation = useAsync(
    () => (wantOverlay && selectedPod ? explainVia(source.lab, selectedPod.metadata?.namespace ?? 'default', selectedPod.metadata?.name ?? '') : undefined),
    // Re-ask when the cluster changed (a node freed up, a taint went away) or the selection moved.
    [wantOverlay, selectedPod, snap.byKind.Node, source],
  );
  const overlay = useMemo(() => (explanation ? verdicts(explanation) : undefined), [explanation]);

  const b = snap.byKind;
  const built = useMemo(() => {
    // The mesh view draws the mesh's telemetry (meshView.tsx): the node and owner graphs are not built meanwhile.
    if (view === 'mesh') return { boxes: [], pods: [], cards: [], edges: [] };
    if (view === 'owners') {
      const workloads = [...b.Deployment, ...b.ReplicaSet, ...b.StatefulSet, ...b.DaemonSet, ...b.Job, ...b.CronJob];
      const owners = buildOwnerTopology({ pods: snap.pods, workloads }, { namespace, search, slots: slots.owners, collapseAbove: detail === 'full' ? Infinity : undefined });
      return withServiceLayer(owners, { services: b.Service, endpointSlices: b.EndpointSlice, ingresses: b.Ingress }, { namespace, search });
    }
    const sideColumns = (b.Service.length > 0 ? LAYOUT.cardWidth + LAYOUT.columnGap : 0) + (b.Ingress.length > 0 ? LAYOUT.cardWidth + LAYOUT.columnGap : 0);
    const perRow = pickBoxesPerRow(podCountsByBox(snap.nodes, snap.pods), { width: Math.max(200, size.width - sideColumns * 0.6), height: size.height }, 1.15);
    return buildTopology(
      { nodes: snap.nodes, pods: snap.pods, services: b.Service, endpointSlices: b.EndpointSlice, ingresses: b.Ingress, leases: b.Lease },
      { boxesPerRow: perRow, namespace, search, slots: slots.nodes, collapse: detail === 'full' ? false : zoomedOut ? true : 'auto', verdicts: overlay },
    );
  }, [snap, b, size, view, namespace, search, slots, zoomedOut, overlay, detail]);
  // The owner view is laid out automatically (dagre, loaded on first use), keeping nodes where they were.
  const [layoutMemory] = useState(() => new LayoutMemory());
  const [generation, setGeneration] = useState(0);
  const relayout = useCallback(() => {
    layoutMemory.reset();
    setGeneration((g) => g + 1);
  }, [layoutMemory]);
  const topology = useAutoLayout(built, view === 'owners', layoutMemory, generation);

  const traceSource = useMemo(() => traceView(source.lab), [source]);
  const trace = useTraceAnimation(traceSource, { pods: snap.pods, services: b.Service, nodes: b.Node });
  const shown = useMemo(() => {
    if (trace.edges.length === 0) return topology;
    const ids = new Set([...topology.boxes, ...topology.cards, ...topology.pods].map((n) => n.id));
    const edges = trace.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    return edges.length ? { ...topology, edges: [...topology.edges, ...edges] } : topology;
  }, [topology, trace.edges]);

  const istio = useMemo(() => meshInstalled(b.Deployment), [b.Deployment]);
  const namespaces = useMemo(() => {
    const set = new Set<string>(['default']);
    for (const list of [b.Pod, b.Service, b.Deployment, b.StatefulSet, b.DaemonSet, b.Job, b.CronJob]) for (const o of list) set.add(o.metadata?.namespace ?? 'default');
    return [...set].sort();
  }, [b]);

  // Pan to the first search hit (once per search text), or to an object selected outside the graph.
  const firstHit = useMemo(() => (search.trim() ? [...topology.pods, ...topology.cards, ...topology.boxes].find((n) => n.data.matched)?.id : undefined), [topology, search]);
  const [focusId, setFocusId] = useState<string>();
  useEffect(() => setFocusId(firstHit), [firstHit]);
  const clickedRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selected && selected !== clickedRef.current) setFocusId(selected);
    clickedRef.current = selected;
  }, [selected]);
  const onSelect = useCallback(
    (id: string | undefined) => {
      clickedRef.current = id;
      select(id ? refFromGraphId(id) : undefined);
    },
    [select],
  );

  return (
    <div className="topology-wrap">
      <GraphToolbar ui={ui} t={t} namespaces={namespaces} canExplain={!!selectedPod && view === 'nodes'} onRelayout={view === 'owners' ? relayout : undefined} meshInstalled={istio} />
      <div className="topology" data-testid="topology" data-trace={trace.current ?? ''} data-view={view} data-collapsed={topology.boxes.some((x) => x.data.collapsed) ? 'true' : 'false'} data-crowded={topology.pods.length > CROWDED ? 'true' : 'false'} ref={host}>
        {view === 'mesh' ? <MeshView source={source} ui={ui} t={t} snap={snap} trace={trace} theme={theme} onTry={onTry} /> : null}
        {view !== 'mesh' && topology.boxes.length + topology.cards.length > 0 ? (
          <CardWordsCtx.Provider value={cardWords}>
            <TopologyCanvas topology={shown} selectedId={selected} focusId={focusId} highlightIds={trace.lit} currentId={trace.current} onSelect={onSelect} onZoomedOut={setZoomedOut} theme={theme} refitOnMove={view === 'owners'} />
          </CardWordsCtx.Provider>
        ) : null}
        {wantOverlay ? (
          explanation ? (
            <SchedulingPanel explanation={explanation} t={t} onClose={() => ui.getState().setSchedulingOverlay(false)} />
          ) : (
            <div className="sched-panel muted" data-testid="scheduling-panel" data-empty="true">
              {t('graph.scheduling.unavailable')}
            </div>
          )
        ) : null}
        {view === 'mesh' ? null : snap.nodes.length === 0 ? (
          <div className="empty">
            <div className="empty-title">{t('graph.noNodes')}</div>
            <div className="empty-text">{t('graph.noNodes.text')}</div>
          </div>
        ) : !snap.pods.some((p) => !SYSTEM_NAMESPACES.has(p.metadata?.namespace ?? 'default')) ? (
          // Only the cluster's own pods (control plane, kube-proxy, CNI, CoreDNS) so far: the hint is about the learner's own workloads.
          <div className="empty floating">
            <div className="empty-title">{t('graph.noPods')}</div>
            <div className="empty-text">
              {t('graph.noPods.try')} <TryCommand command="kubectl create deployment web --image=nginx --replicas=3" onTry={onTry} title={t('graph.try.title')} />
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
