import type { StoreApi } from 'zustand/vanilla';
import type { T } from '../i18n/useT.ts';
import type { ClusterSource } from '../state/clusterSource.ts';
import type { ObjRef, UiState } from '../state/uiStore.ts';
import { LockIcon } from './meshCards.tsx';
import { useMeshTelemetry } from './meshFeed.ts';
import { formatMs, formatPercent, formatRps, meshEdgeById, shortHost, type MeshGroupData, type MeshNodeData } from './meshModel.ts';
import './mesh.css';

function endName(d: MeshNodeData | MeshGroupData | undefined): string {
  if (!d) return '?';
  return d.kind === 'mesh-app' ? d.app : d.workload;
}

function EndLink({ d, onSelect }: { d: MeshNodeData | MeshGroupData | undefined; onSelect(r: ObjRef): void }) {
  const ref = d?.ref;
  if (!ref) return <span className="mono">{endName(d)}</span>;
  return (
    <button type="button" className="link mono" onClick={() => onSelect(ref)} data-testid="inspector-ref" data-kind={ref.kind} data-name={ref.name}>
      {ref.kind.toLowerCase()}/{ref.name}
    </button>
  );
}

function Stat({ label, value, tone, testid, title }: { label: string; value: string; tone?: string; testid: string; title?: string }) {
  return (
    <div className={`mesh-stat${tone ? ` tone-${tone}` : ''}`} data-testid={testid} title={title}>
      <div className="mesh-stat-value">{value}</div>
      <div className="mesh-stat-label">{label}</div>
    </div>
  );
}

/** The inspector for a selected mesh edge: its live figures, the route it matched, its response codes. */
export function MeshEdgeInspector({ source, id, t, onSelect, onClose }: { source: ClusterSource; ui?: StoreApi<UiState>; id: string; t: T; onSelect(r: ObjRef | undefined): void; onClose(): void }) {
  const telemetry = useMeshTelemetry(source.lab, true);
  const found = telemetry ? meshEdgeById(telemetry, id) : undefined;
  const e = found?.edge;
  const title = `${endName(found?.source)} → ${endName(found?.target)}`;
  return (
    <div className="inspector mesh-inspector" data-testid="inspector-view" data-kind="MeshEdge" data-name={id}>
      <div className="insp-head">
        <span className="insp-kind">{t('mesh.edge')}</span>
        <span className="insp-name mono" title={title} data-testid="inspector-name">
          {found ? title : '…'}
        </span>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('inspector.close')} title={t('inspector.close')}>
          ✕
        </button>
      </div>
      <div className="insp-body">
        {!e ? (
          <div className="muted">{telemetry ? t('mesh.gone') : t('graph.mesh.loading')}</div>
        ) : (
          <>
            <div className="mesh-stats" data-testid="mesh-edge-stats">
              <Stat label={t(e.protocol === 'tcp' ? 'mesh.cps' : 'mesh.rps')} value={formatRps(e.rps)} testid="mesh-stat-rps" />
              <Stat label={t('mesh.errors')} value={formatPercent(e.errorRate)} tone={e.errorRate > 0 ? 'error' : undefined} testid="mesh-stat-errors" />
              <Stat label="p50" value={formatMs(e.p50)} testid="mesh-stat-p50" title={`${t('mesh.latency')} p50`} />
              <Stat label="p90" value={formatMs(e.p90)} testid="mesh-stat-p90" title={`${t('mesh.latency')} p90`} />
              <Stat label="p99" value={formatMs(e.p99)} testid="mesh-stat-p99" title={`${t('mesh.latency')} p99`} />
            </div>
            <div className="muted small mesh-window">{t('graph.mesh.window')}</div>
            <dl className="kv">
              <dt>{t('mesh.source')}</dt>
              <dd>
                <EndLink d={found.source} onSelect={onSelect} />
              </dd>
              <dt>{t('mesh.destination')}</dt>
              <dd>
                <EndLink d={found.target} onSelect={onSelect} />
              </dd>
              <dt>{t('mesh.service')}</dt>
              <dd className="mono" data-testid="mesh-edge-service">
                {e.services.map((s) => (s.endsWith('.svc.cluster.local') ? s : shortHost(s))).join(', ')}
              </dd>
              <dt>{t('mesh.protocol')}</dt>
              <dd className="mono">{e.protocol.toUpperCase()}</dd>
              <dt>{t('mesh.mtls')}</dt>
              <dd data-testid="mesh-edge-mtls" data-mtls={e.mtls ? 'true' : 'false'}>
                {e.mtls ? (
                  <span className="mesh-mtls">
                    <LockIcon /> mutual_tls
                  </span>
                ) : (
                  <span className="muted">{t('mesh.plaintext')}</span>
                )}
              </dd>
              <dt>{t('mesh.total')}</dt>
              <dd className="mono">{e.requests}</dd>
            </dl>
            {e.protocol === 'http' ? (
              <section className="insp-section" data-testid="mesh-edge-route">
                <h3>{t('mesh.route')}</h3>
                {!e.route ? (
                  <div className="muted">{t('inspector.none')}</div>
                ) : !e.route.virtualService ? (
                  <div className="muted">
                    {t('mesh.route.default')} <span className="mono">route {e.route.name}</span>
                  </div>
                ) : (
                  <dl className="kv">
                    <dt>{t('mesh.virtualService')}</dt>
                    <dd className="mono" data-testid="mesh-edge-vs">
                      {e.route.virtualService}
                    </dd>
                    <dt>{t('mesh.route')}</dt>
                    <dd className="mono">{e.route.name}</dd>
                    <dt>{t('mesh.subset')}</dt>
                    <dd className="mono" data-testid="mesh-edge-subset">
                      {e.route.subset ?? t('inspector.none')}
                    </dd>
                  </dl>
                )}
              </section>
            ) : null}
            <section className="insp-section">
              <h3>{t('mesh.codes')}</h3>
              {Object.keys(e.codes).length === 0 ? (
                <div className="muted">{t('inspector.none')}</div>
              ) : (
                <table className="mini-table" data-testid="mesh-edge-codes">
                  <tbody>
                    {Object.entries(e.codes)
                      .sort(([a], [b]) => a.localeCompare(b))
                      .map(([code, n]) => (
                        <tr key={code}>
                          <td className={`mono cond ${/^[1-4]\d\d$|^ok$/.test(code) ? 'true' : 'false'}`}>{code}</td>
                          <td className="mono">{n}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </div>
    </div>
  );
}
