import { createContext, memo, useContext } from 'react';
import type { ContainerChip, NodeBoxData, ObjCardData, PodCardData, PodCounts, ResourceBar } from './types.ts';
import type { PodTone } from './podStatus.ts';

/** A glyph per tone, so a status reads without colour too. */
export const TONE_ICON: Record<PodTone, string> = { running: '✓', pending: '◌', failing: '✕', terminating: '↓', completed: '■', unknown: '?' };
const TONE_ORDER: PodTone[] = ['running', 'pending', 'failing', 'terminating', 'completed', 'unknown'];

function hl(d: { matched?: boolean; dimmed?: boolean }): string {
  return d.matched ? ' matched' : d.dimmed ? ' dimmed' : '';
}

function Bar({ bar }: { bar: ResourceBar }) {
  const pct = bar.allocatable > 0 ? Math.min(100, (bar.requested / bar.allocatable) * 100) : 0;
  const level = pct >= 90 ? 'hot' : pct >= 70 ? 'warm' : 'ok';
  return (
    <div className="res-bar" title={`${bar.resource} requests ${bar.text} (${Math.round(pct)}%)`} data-testid={`bar-${bar.resource}`}>
      <span className="res-label">{bar.resource === 'memory' ? 'mem' : bar.resource}</span>
      <span className="res-track" role="meter" aria-label={`${bar.resource} requested`} aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}>
        <span className={`res-fill ${level}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="res-text">{bar.text}</span>
    </div>
  );
}

/** Words the cards print, in the lab's language (TopologyPanel provides them; English without it). */
export const CardWordsCtx = createContext({ zeroPods: '0 pods', pod: 'pod', pods: 'pods' });

function Badges({ counts }: { counts: PodCounts }) {
  const words = useContext(CardWordsCtx);
  return (
    <div className="pod-badges" data-testid="pod-badges">
      {TONE_ORDER.filter((t) => counts[t]).map((t) => (
        <span key={t} className={`pod-badge tone-${t}`} data-tone={t} title={`${counts[t]} ${t}`}>
          <span aria-hidden="true">{TONE_ICON[t]}</span> {counts[t]}
        </span>
      ))}
      {TONE_ORDER.every((t) => !counts[t]) ? <span className="muted">{words.zeroPods}</span> : null}
    </div>
  );
}

function Verdict({ v }: { v: NonNullable<NodeBoxData['verdict']> }) {
  return v.feasible ? (
    <span className={`verdict fits${v.selected ? ' chosen' : ''}`} data-testid="verdict" data-feasible="true">
      <span aria-hidden="true">{v.selected ? '★ ' : '✓ '}</span>
      {v.total}
    </span>
  ) : (
    <span className="verdict fails" data-testid="verdict" data-feasible="false" title={v.reason}>
      <span aria-hidden="true">✕ </span>
      {v.reason}
    </span>
  );
}

/** A cluster node (or the unscheduled lane) drawn as a box; its pods are drawn inside it. */
export function NodeBox({ data, selected }: { data: NodeBoxData; selected?: boolean }) {
  const words = useContext(CardWordsCtx);
  const lane = data.kind === 'unscheduled';
  const v = data.verdict;
  const heat = v?.feasible ? { ['--heat' as string]: String(v.heat ?? 0) } : undefined;
  return (
    <div
      className={`node-box ${lane ? 'lane' : data.ready ? 'ready' : 'not-ready'}${data.collapsed ? ' collapsed' : ''}${selected ? ' selected' : ''}${hl(data)}${v ? (v.feasible ? ' overlay-fits' : ' overlay-fails') : ''}`}
      style={heat}
      data-testid={lane ? 'unscheduled-lane' : 'node-box'}
      data-node={data.name}
    >
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
      {v ? (
        <div className="node-sub">
          <Verdict v={v} />
        </div>
      ) : (
        <div className="node-sub">
          <span className="node-pods">
            {data.podCount} {data.podCount === 1 ? words.pod : words.pods}
          </span>
          {data.bars.map((b) => (
            <Bar key={b.resource} bar={b} />
          ))}
        </div>
      )}
      {data.components.length > 0 ? (
        <div className="cp-row" data-testid="control-plane">
          {data.components.map((c) => (
            <span key={c.name} className={`cp-chip${c.leader ? ' leader' : ''}`} title={c.leader ? `${c.name} (leader)` : c.name} data-testid="cp-chip" data-leader={c.leader ? 'true' : undefined}>
              {c.leader ? <span aria-label="leader">♛ </span> : null}
              {c.name.replace(/^kube-/, '')}
            </span>
          ))}
        </div>
      ) : null}
      {data.collapsed ? <Badges counts={data.collapsed} /> : null}
    </div>
  );
}

function chipTitle(c: ContainerChip): string {
  return `${c.role === 'app' ? 'container' : c.role === 'init' ? 'init container' : 'sidecar'} ${c.name}: ${c.state}${c.ready ? ', ready' : ''}`;
}

function Chip({ c }: { c: ContainerChip }) {
  const glyph = c.role === 'init' ? 'i' : c.role === 'sidecar' ? 's' : '';
  return (
    <span className={`c-chip role-${c.role} st-${c.state}${c.ready ? ' ready' : ''}`} title={chipTitle(c)} data-testid="container-chip" data-role={c.role}>
      {glyph}
    </span>
  );
}

/**
 * A pod: a tone stripe and glyph, the name, and one line of status, ready count, restarts and container
 * chips. Kept small (six elements for a one-container pod, no hooks) and memoised on its data, which is
 * cached per stored pod object, so a frame re-renders only the pods that changed.
 */
function PodCardView({ data, selected }: { data: PodCardData; selected?: boolean }) {
  return (
    <div
      className={`pod-card tone-${data.tone}${selected ? ' selected' : ''}${data.terminating ? ' terminating' : ''}${data.system ? ' system' : ''}${hl(data)}`}
      data-testid="pod-card"
      data-pod={data.name}
      data-namespace={data.namespace}
      data-system={data.system ? 'true' : undefined}
      data-node={data.nodeName}
      data-status={data.status}
      title={`${data.namespace}/${data.name}\n${data.status} · ready ${data.ready} · restarts ${data.restarts}`}
    >
      <span className="pod-dot" aria-hidden="true">
        {TONE_ICON[data.tone]}
      </span>
      <div className="pod-name">{data.name}</div>
      <div className="pod-meta">
        <span className="pod-status">{data.status}</span> {data.ready}
        {data.restarts > 0 ? ` ↻${data.restarts}` : ''}
        {data.containers.map((c) => (
          <Chip key={`${c.role}:${c.name}`} c={c} />
        ))}
      </div>
    </div>
  );
}

export const PodCard = memo(PodCardView, (a, b) => a.data === b.data && a.selected === b.selected);

const KIND_ICON: Record<string, string> = { Service: '⇄', Ingress: '⤓', Deployment: '◆', ReplicaSet: '◇', StatefulSet: '▤', DaemonSet: '▦', Job: '▶', CronJob: '⏱', Pod: '▢', Pods: '▣' };

/** Services, Ingresses and workloads: a card with the kind, the name and one line of status. */
export function ObjCard({ data, selected }: { data: ObjCardData; selected?: boolean }) {
  return (
    <div className={`obj-card kind-${data.objKind.toLowerCase()} tone-${data.tone}${selected ? ' selected' : ''}${hl(data)}`} data-testid="obj-card" data-kind={data.objKind} data-name={data.name}>
      <span className="obj-icon" aria-hidden="true">
        {KIND_ICON[data.objKind] ?? '○'}
      </span>
      <div className="obj-text">
        <div className="obj-head">
          <span className="obj-kind">{data.objKind}</span>
          <span className="obj-name">{data.name}</span>
        </div>
        <div className="obj-sub">{data.sub}</div>
      </div>
    </div>
  );
}
