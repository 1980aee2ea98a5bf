import { memo, type ReactElement } from 'react';
import type { MeshEdgeData, MeshGroupData, MeshNodeData } from './meshModel.ts';
import { formatMs, formatPercent, formatRps } from './meshModel.ts';

/** The mesh view's shapes: app boxes, workload nodes and edge labels. Plain React; `flowAdapter.tsx` places them. */

function hl(d: { matched?: boolean; dimmed?: boolean }): string {
  return d.matched ? ' matched' : d.dimmed ? ' dimmed' : '';
}

export function LockIcon({ size = 11 }: { size?: number }) {
  return (
    <svg className="mesh-lock" viewBox="0 0 12 12" width={size} height={size} aria-label="mTLS" role="img">
      <rect x="2" y="5.2" width="8" height="5.8" rx="1.2" fill="currentColor" />
      <path d="M3.9 5.4V3.9a2.1 2.1 0 0 1 4.2 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}

const ROLE_ICON: Record<MeshNodeData['role'], ReactElement> = {
  workload: (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <circle cx="8" cy="8" r="5.6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="8" r="2" fill="currentColor" />
    </svg>
  ),
  gateway: (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M2 13V6.5L8 2.5l6 4V13" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M5.5 13V9h5v4" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  ),
  unknown: (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" strokeWidth="1.4" strokeDasharray="2.4 1.8" />
      <text x="8" y="11" textAnchor="middle" fontSize="8" fill="currentColor">?</text>
    </svg>
  ),
  external: (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
      <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path d="M2.4 8h11.2M8 2.2c-2.4 3.2-2.4 8.4 0 11.6M8 2.2c2.4 3.2 2.4 8.4 0 11.6" fill="none" stroke="currentColor" strokeWidth="1.1" />
    </svg>
  ),
};

function health(d: { idle: boolean; errorRate: number }): 'idle' | 'error' | 'ok' {
  return d.errorRate > 0 ? 'error' : d.idle ? 'idle' : 'ok';
}

/** An app's box: its name, the Services that reach it, the traffic it takes; its versions are drawn inside. */
function MeshGroupView({ data, selected }: { data: MeshGroupData; selected?: boolean }) {
  return (
    <div className={`mesh-app h-${health(data)}${selected ? ' selected' : ''}${hl(data)}`} data-testid="mesh-app" data-app={data.app} data-namespace={data.namespace}>
      <div className="mesh-app-head">
        <span className="mesh-app-icon" aria-hidden="true">
          ◆
        </span>
        <span className="mesh-app-name" title={`app=${data.app}, namespace ${data.namespace}${data.services.length ? `\nService ${data.services.join(', ')}` : ''}`}>
          {data.app}
        </span>
        {data.services.map((s) => (
          <span key={s} className="mesh-svc-chip" title={`Service ${s}.${data.namespace}`}>
            svc
          </span>
        ))}
        <span className="mesh-spacer" />
        {data.inRps > 0 ? <span className="mesh-app-rate">{formatRps(data.inRps)}/s</span> : null}
      </div>
    </div>
  );
}
export const MeshGroupBox = memo(MeshGroupView);

/** A workload (a version inside its app's box), the gateway, "unknown" clients or an external host. */
function MeshNodeView({ data, selected, lit, current }: { data: MeshNodeData; selected?: boolean; lit?: boolean; current?: boolean }) {
  const sub = data.role === 'workload' && data.version ? data.workload : data.role === 'gateway' ? data.namespace : data.role === 'external' ? 'external' : data.role === 'unknown' ? 'outside the mesh' : data.namespace;
  return (
    <div
      className={`mesh-node role-${data.role} h-${health(data)}${selected ? ' selected' : ''}${lit ? ' lit' : ''}${current ? ' current' : ''}${hl(data)}`}
      data-testid="mesh-node"
      data-workload={data.workload}
      data-role={data.role}
      data-idle={data.idle ? 'true' : 'false'}
      title={`${data.title}${data.inRps > 0 ? `\n${formatRps(data.inRps)} rps in${data.errorRate > 0 ? `, ${formatPercent(data.errorRate)} errors` : ''}` : ''}`}
    >
      <span className="mesh-node-icon">{ROLE_ICON[data.role]}</span>
      <div className="mesh-node-text">
        <div className="mesh-node-label">{data.label}</div>
        <div className="mesh-node-sub">{sub}</div>
      </div>
      {data.inRps > 0 ? <span className="mesh-node-rate">{formatRps(data.inRps)}/s</span> : null}
    </div>
  );
}
export const MeshNodeCard = memo(MeshNodeView);

/**
 * An edge's label at its middle: the rate, the error share when there are errors (red), a lock for mTLS;
 * hovering shows the latency quantiles. A click selects the edge.
 */
function MeshEdgeLabelView({ data, selected, onSelect }: { data: MeshEdgeData; selected?: boolean; onSelect?(id: string): void }) {
  return (
    <button
      type="button"
      className={`mesh-edge-label tone-${data.tone}${selected ? ' selected' : ''}`}
      data-testid="mesh-edge-label"
      data-edge={data.id}
      data-tone={data.tone}
      data-rps={data.rps}
      onClick={(e) => {
        e.stopPropagation();
        onSelect?.(data.id);
      }}
      title={`${data.protocol.toUpperCase()} ${data.rateLabel}${data.errorLabel ? ` · ${data.errorLabel} errors` : ''}\np50 ${formatMs(data.p50)} · p90 ${formatMs(data.p90)} · p99 ${formatMs(data.p99)}\n${data.mtls ? 'mutual TLS' : 'plaintext'}`}
    >
      <span className="mesh-edge-main">
        {data.mtls ? <LockIcon /> : null}
        <span className="mesh-edge-rate">{data.rateLabel}</span>
        {data.errorLabel ? <span className="mesh-edge-err">{data.errorLabel}</span> : null}
      </span>
      <span className="mesh-edge-lat">
        p50 {formatMs(data.p50)} · p90 {formatMs(data.p90)} · p99 {formatMs(data.p99)}
      </span>
    </button>
  );
}
export const MeshEdgeLabel = memo(MeshEdgeLabelView);
