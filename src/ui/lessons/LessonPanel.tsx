import { useEffect, useMemo, useRef, useState } from 'react';
import type { Lesson, LessonStep } from '../../engine/lessons/index.ts';
import type { T } from '../i18n/useT.ts';
import { renderMarkdown } from './markdown.ts';
import type { ProgressStore } from './progress.ts';
import type { LabConnection } from '../worker/connection.ts';
import { useLessonProgress } from './useLessonProgress.ts';
import './lessons.css';

export interface LessonPanelProps {
  lesson: Lesson;
  conn: LabConnection;
  store: ProgressStore;
  t: T;
  /** Type terminal input as the learner would (each input followed by Enter). */
  typeIntoTerminal(input: string): void;
  /** The step the page should focus (from a deep link), and a way to report the step being read. */
  focusStep?: number;
  onFocusStep(step: number): void;
  onRestart(): void;
  onClose(): void;
}

function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className={`lesson-md ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

function StepView({ step, index, state, open, onToggle, live, t, onRun }: { step: LessonStep; index: number; state: 'done' | 'current' | 'todo'; open: boolean; onToggle(): void; live?: string; t: T; onRun(): void }) {
  const [hints, setHints] = useState(0);
  const [solution, setSolution] = useState(false);
  const el = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (open) el.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);
  return (
    <li ref={el} className={`lesson-step ${state}`} data-testid="lesson-step" data-state={state} data-step={index + 1}>
      <button type="button" className="lesson-step-head" onClick={onToggle} aria-expanded={open}>
        <span className="lesson-tick" aria-label={state === 'done' ? t('lessons.step.done') : t('lessons.step.todo')}>
          {state === 'done' ? '✓' : index + 1}
        </span>
        <span className="lesson-step-title">{step.title}</span>
      </button>
      {open && (
        <div className="lesson-step-body">
          <Markdown text={step.text} />
          {step.check && state === 'current' && live !== undefined && (
            <p className="lesson-live" data-testid="lesson-live">
              <span className="lesson-live-dot" /> {live}
            </p>
          )}
          {step.hints.slice(0, hints).map((h, i) => (
            <div key={i} className="lesson-hint">
              <Markdown text={h} />
            </div>
          ))}
          <div className="lesson-actions">
            {hints < step.hints.length && (
              <button type="button" onClick={() => setHints(hints + 1)} data-testid="lesson-hint">
                {t('lessons.hint')}
              </button>
            )}
            {step.solution.length > 0 && (
              <button type="button" onClick={() => setSolution(!solution)} data-testid="lesson-show-solution">
                {solution ? t('lessons.solution.hide') : t('lessons.solution.show')}
              </button>
            )}
            {step.solution.length > 0 && state !== 'done' && (
              <button type="button" className="primary" onClick={onRun} data-testid="lesson-run-solution">
                {t('lessons.solution.run')}
              </button>
            )}
          </div>
          {solution && <pre className="lesson-solution">{step.solution.join('\n')}</pre>}
        </div>
      )}
    </li>
  );
}

/** The lesson beside the workspace: intro, steps with live check ticks, hints and solutions. */
export function LessonPanel(p: LessonPanelProps) {
  const { lesson } = p;
  const progress = useLessonProgress(lesson, p.conn, p.store);
  const [opened, setOpened] = useState<number | undefined>(p.focusStep);
  const [collapsed, setCollapsed] = useState(false);
  const shown = opened ?? progress.current;
  const checked = lesson.steps.filter((s) => s.check).length;
  const doneChecked = lesson.steps.filter((s, i) => s.check && progress.done.has(i)).length;
  const complete = progress.current >= lesson.steps.length;
  return (
    <aside className={`lesson-panel ${collapsed ? 'collapsed' : ''}`} data-testid="lesson-panel" data-lesson={lesson.slug} aria-label={lesson.title}>
      <div className="lesson-head">
        <button type="button" className="lesson-collapse" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed} title={p.t(collapsed ? 'lessons.expand' : 'lessons.collapse')} data-testid="lesson-collapse">
          {collapsed ? '▸' : '▾'}
        </button>
        <div className="lesson-titles">
          <h2>{lesson.title}</h2>
          <span className="lesson-progress" data-testid="lesson-progress">
            {doneChecked}/{checked} · {lesson.minutes} {p.t('lessons.minutes')}
          </span>
        </div>
        <button type="button" className="icon-btn lesson-close" onClick={p.onClose} aria-label={p.t('lessons.close')} title={p.t('lessons.close')} data-testid="lesson-close">
          ×
        </button>
      </div>
      {!collapsed && (
        <div className="lesson-scroll">
          <div className="progress-bar" aria-hidden="true">
            <span style={{ width: `${checked ? (100 * doneChecked) / checked : 0}%` }} />
          </div>
          {lesson.intro && <Markdown text={lesson.intro} className="lesson-intro" />}
          <ol className="lesson-steps">
            {lesson.steps.map((s, i) => (
              <StepView
                key={`${lesson.slug}-${i}`}
                step={s}
                index={i}
                state={progress.done.has(i) ? 'done' : i === progress.current ? 'current' : 'todo'}
                open={shown === i}
                onToggle={() => {
                  const next = shown === i ? -1 : i;
                  setOpened(next);
                  if (next >= 0) p.onFocusStep(next);
                }}
                live={i === progress.current ? progress.live?.detail : undefined}
                t={p.t}
                onRun={() => {
                  for (const input of s.solution) p.typeIntoTerminal(input);
                }}
              />
            ))}
          </ol>
          {complete && (
            <p className="lesson-complete" data-testid="lesson-complete">
              {p.t('lessons.complete')}
            </p>
          )}
          <div className="lesson-actions lesson-footer">
            <button
              type="button"
              onClick={() => {
                progress.restart();
                setOpened(undefined);
                p.onRestart();
              }}
              data-testid="lesson-restart"
            >
              {p.t('lessons.restart')}
            </button>
          </div>
        </div>
      )}
    </aside>
  );
}
