import { useCallback, useMemo } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { KubeObject } from '../../engine/index.ts';
import type { T } from '../i18n/useT.ts';
import type { ClusterSnapshot, ClusterSource } from '../state/clusterSource.ts';
import { useUi } from '../state/hooks.ts';
import type { ObjRef, UiState } from '../state/uiStore.ts';
import { MeshCanvas } from './flowAdapter.tsx';
import { LockIcon } from './meshCards.tsx';
import { useMeshTelemetry } from './meshFeed.ts';
import { meshLoadHint } from './meshHint.ts';
import { appId, buildMeshTopology, MESH_EDGE_KIND, wlId, type MeshTopology } from './meshModel.ts';
import { meshIdsByGraphId, meshTrace } from './meshTrace.ts';
import type { TraceAnimation } from './useTrace.ts';
import './mesh.css';
import { TryCommand } from './TryCommand.tsx';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'] as const;

/** Istio runs in the cluster: istiod's Deployment exists in istio-system. */
export function meshInstalled(deployments: readonly KubeObject[]): boolean {
  return deployments.some((d) => d.metadata?.name === 'istiod' && d.metadata.namespace === 'istio-system');
}

/** The graph id of a selected object in the mesh view: a workload's node or a Service's app box. */
function meshSelectedId(ref: ObjRef | undefined, model: MeshTopology): string | undefined {
  if (!ref || ref.kind === MESH_EDGE_KIND) return undefined;
  const ns = ref.namespace ?? 'default';
  if (ref.kind === 'Service') {
    const box = model.groups.find((g) => g.data.ref?.name === ref.name && g.data.namespace === ns);
    return box?.id ?? appId(ns, ref.name);
  }
  return wlId(ns, ref.name);
}

function MeshLegend({ t }: { t: T }) {
  return (
    <div className="mesh-legend" data-testid="mesh-legend">
      <span className="mesh-legend-item tone-ok">
        <i aria-hidden="true" />
        {t('graph.mesh.legend.ok')}
      </span>
      <span className="mesh-legend-item tone-error">
        <i aria-hidden="true" />
        {t('graph.mesh.legend.error')}
      </span>
      <span className="mesh-legend-item tone-idle">
        <i aria-hidden="true" />
        {t('graph.mesh.legend.idle')}
      </span>
      <span className="mesh-legend-item">
        <LockIcon /> {t('graph.mesh.legend.mtls')}
      </span>
      <span className="mesh-legend-window">{t('graph.mesh.window')}</span>
    </div>
  );
}

/**
 * The graph's mesh view: polls the mesh's telemetry while shown, draws it with `MeshCanvas`, animates the
 * newest request's trace over it, and selects workloads, Services and edges for the inspector.
 */
export function MeshView({ source, ui, t, snap, trace, theme, onTry }: { source: ClusterSource; ui: StoreApi<UiState>; t: T; snap: ClusterSnapshot; trace: TraceAnimation; theme: 'dark' | 'light'; onTry?: (command: string) => void }) {
  const b = snap.byKind;
  const installed = meshInstalled(b.Deployment);
  const telemetry = useMeshTelemetry(source.lab, installed);
  const namespace = useUi(ui, (s) => s.namespace);
  const search = useUi(ui, (s) => s.search);
  const selected = useUi(ui, (s) => s.selected);
  const select = useUi(ui, (s) => s.select);
  const kinds = useMemo(() => {
    const m = new Map<string, string>();
    for (const kind of WORKLOAD_KINDS) for (const o of b[kind]) m.set(`${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`, kind);
    return m;
  }, [b]);
  const model = useMemo(() => buildMeshTopology(telemetry ?? [], { namespace, search, kindOf: (ns, name) => kinds.get(`${ns}/${name}`) }), [telemetry, namespace, search, kinds]);
  const ids = useMemo(() => meshIdsByGraphId(snap.pods, b.Service), [snap.pods, b.Service]);
  const drawn = useMemo(() => new Set([...model.nodes.map((n) => n.id), ...model.groups.map((g) => g.id)]), [model]);
  const path = useMemo(() => meshTrace(trace, ids, drawn), [trace, ids, drawn]);
  const onSelect = useCallback(
    (id: string | undefined) => {
      const ref = id ? (model.nodes.find((n) => n.id === id)?.data.ref ?? model.groups.find((g) => g.id === id)?.data.ref) : undefined;
      select(ref);
    },
    [model, select],
  );
  const onSelectEdge = useCallback((id: string) => select({ kind: MESH_EDGE_KIND, name: id }), [select]);
  const selectedEdge = selected?.kind === MESH_EDGE_KIND ? selected.name : undefined;
  const selectedId = meshSelectedId(selected, model);
  const hint = useMemo(() => meshLoadHint(b.Service), [b.Service]);

  if (!installed) {
    return (
      <div className="empty" data-testid="mesh-empty" data-reason="not-installed">
        <div className="empty-title">{t('graph.mesh.notInstalled')}</div>
        <div className="empty-text">
          {t('graph.mesh.try')} <TryCommand command="istioctl install --set profile=demo -y" onTry={onTry} title={t('graph.try.title')} />
        </div>
      </div>
    );
  }
  const hasGraph = model.nodes.length + model.groups.length > 0;
  return (
    <>
      {hasGraph ? (
        <MeshCanvas model={model} selectedId={selectedId} selectedEdge={selectedEdge} lit={path.lit} current={path.current} hops={path.hops} onSelect={onSelect} onSelectEdge={onSelectEdge} theme={theme} />
      ) : null}
      {hasGraph ? <MeshLegend t={t} /> : null}
      {telemetry === undefined ? (
        <div className="empty floating" data-testid="mesh-empty" data-reason="loading">
          <div className="empty-text">{t('graph.mesh.loading')}</div>
        </div>
      ) : !model.live ? (
        <div className={`empty${hasGraph ? ' floating mesh-empty-floating' : ''}`} data-testid="mesh-empty" data-reason="no-traffic">
          <div className="empty-title">{t('graph.mesh.noTraffic')}</div>
          <div className="empty-text">{t('graph.mesh.try')}</div>
          <div className="mesh-hint">
            {hint.map((line) => (
              <TryCommand key={line} command={line} onTry={onTry} title={t('graph.try.title')} />
            ))}
          </div>
        </div>
      ) : null}
    </>
  );
}
