import type { NodeBoxData, PodCardData } from './model.ts';

/** A cluster node (or the unscheduled lane) drawn as a box; its pods are drawn inside it. */
export function NodeBox({ data, selected }: { data: NodeBoxData; selected?: boolean }) {
  const lane = data.kind === 'unscheduled';
  return (
    <div className={`node-box ${lane ? 'lane' : data.ready ? 'ready' : 'not-ready'} ${selected ? 'selected' : ''}`} data-testid={lane ? 'unscheduled-lane' : 'node-box'} data-node={data.name}>
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">
          {lane ? (
            <svg viewBox="0 0 16 16" width="16" height="16">
              <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2.5 2" />
            </svg>
          ) : (
            <svg viewBox="0 0 16 16" width="16" height="16">
              <rect x="1.5" y="2" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" strokeWidth="1.4" />
              <rect x="1.5" y="9" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" strokeWidth="1.4" />
              <circle cx="4.5" cy="4.5" r="0.9" fill="currentColor" />
              <circle cx="4.5" cy="11.5" r="0.9" fill="currentColor" />
            </svg>
          )}
        </span>
        <span className="node-name" title={data.name}>
          {data.name}
        </span>
        {data.roles && data.roles !== '<none>' ? <span className="node-role">{data.roles}</span> : null}
        <span className="node-spacer" />
        <span className={`node-status ${lane ? 'lane' : data.ready ? 'ready' : 'not-ready'}`}>
          <span aria-hidden="true">{lane ? '◌ ' : data.ready ? '✓ ' : '✕ '}</span>
          {data.statusText}
        </span>
      </div>
      <div className="node-sub">
        {data.podCount} {data.podCount === 1 ? 'pod' : 'pods'}
      </div>
    </div>
  );
}

export function PodCard({ data, selected }: { data: PodCardData; selected?: boolean }) {
  return (
    <div className={`pod-card tone-${data.tone} ${selected ? 'selected' : ''}`} data-testid="pod-card" data-pod={data.name} data-node={data.nodeName} data-status={data.status} title={`${data.namespace}/${data.name}\n${data.status} · ready ${data.ready} · restarts ${data.restarts}`}>
      <span className="pod-dot" aria-hidden="true" />
      <div className="pod-text">
        <div className="pod-name">{data.name}</div>
        <div className="pod-meta">
          <span className="pod-status">{data.status}</span>
          <span className="pod-ready">{data.ready}</span>
          {data.restarts > 0 ? <span className="pod-restarts">↻{data.restarts}</span> : null}
        </div>
      </div>
    </div>
  );
}
