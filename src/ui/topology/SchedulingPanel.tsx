import { useState } from 'react';
import type { T } from '../i18n/useT.ts';
import { isFeasible, type SchedulingExplanation } from './overlay.ts';

/** The scheduling overlay's table: one row per node (verdict, total), expandable to the per-plugin filters and scores. */
export function SchedulingPanel({ explanation, t, onClose }: { explanation: SchedulingExplanation; t: T; onClose(): void }) {
  const [open, setOpen] = useState<string | undefined>(explanation.selectedNode ?? undefined);
  const rows = [...explanation.nodes].sort((a, b) => Number(isFeasible(b)) - Number(isFeasible(a)) || b.total - a.total || (a.name < b.name ? -1 : 1));
  return (
    <div className="sched-panel" data-testid="scheduling-panel" role="region" aria-label={t('graph.scheduling.title')}>
      <div className="sched-head">
        <span className="sched-title">{t('graph.scheduling')}</span>
        <span className="mono small">{explanation.pod}</span>
        <span className="spacer" />
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('inspector.close')}>
          ✕
        </button>
      </div>
      <table className="mini-table sched-table">
        <thead>
          <tr>
            <th>{t('graph.scheduling.node')}</th>
            <th>{t('graph.scheduling.verdict')}</th>
            <th className="num">{t('graph.scheduling.score')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => {
            const ok = isFeasible(n);
            const fail = n.filters.find((f) => !['Success', 'Skip', ''].includes(f.code));
            const expanded = open === n.name;
            return [
              <tr key={n.name} className={`sched-row ${ok ? 'fits' : 'fails'}${n.name === explanation.selectedNode ? ' chosen' : ''}`} data-testid="scheduling-row" data-node={n.name}>
                <td>
                  <button type="button" className="link mono" aria-expanded={expanded} onClick={() => setOpen(expanded ? undefined : n.name)}>
                    {expanded ? '▾' : '▸'} {n.name}
                  </button>
                </td>
                <td>{ok ? <span className="cond true">{n.name === explanation.selectedNode ? `★ ${t('graph.scheduling.chosen')}` : `✓ ${t('graph.scheduling.fits')}`}</span> : <span className="cond false" title={fail?.reason}>✕ {fail?.plugin}</span>}</td>
                <td className="num mono">{ok ? n.total : '—'}</td>
              </tr>,
              expanded ? (
                <tr key={`${n.name}:detail`} className="sched-detail">
                  <td colSpan={3}>
                    {!ok && fail?.reason ? <div className="sched-reason">{fail.reason}</div> : null}
                    <table className="mini-table plugin-table" data-testid="plugin-table">
                      <thead>
                        <tr>
                          <th>{t('graph.scheduling.plugin')}</th>
                          <th className="num">raw</th>
                          <th className="num">norm</th>
                          <th className="num">{t('graph.scheduling.weight')}</th>
                          <th className="num">Σ</th>
                        </tr>
                      </thead>
                      <tbody>
                        {n.filters.map((f) => (
                          <tr key={`f:${f.plugin}`} className={['Success', 'Skip', ''].includes(f.code) ? '' : 'fails'}>
                            <td className="mono">{f.plugin}</td>
                            <td colSpan={4} className="mono">
                              {f.code}
                              {f.reason ? `: ${f.reason}` : ''}
                            </td>
                          </tr>
                        ))}
                        {n.scores.map((s) => (
                          <tr key={`s:${s.plugin}`}>
                            <td className="mono">{s.plugin}</td>
                            <td className="num mono">{s.raw}</td>
                            <td className="num mono">{s.normalized}</td>
                            <td className="num mono">×{s.weight}</td>
                            <td className="num mono">{s.weighted}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
