import { useCallback, useEffect, useState } from 'react';
import type { CheckResult, Lesson } from '../../engine/lessons/index.ts';
import type { LabConnection } from '../worker/connection.ts';
import type { ProgressStore } from './progress.ts';

export interface LessonProgress {
  /** Steps completed (latched: a step stays done even if its check stops passing later). */
  done: ReadonlySet<number>;
  /** The first step not yet done (steps.length when the lesson is complete). */
  current: number;
  /** The current step's check as of the last evaluation. */
  live?: CheckResult;
  restart(): void;
}

/** Re-evaluate the current step's check this often (cheap: a few store reads). */
const INTERVAL_MS = 400;

/**
 * Follows a lesson on a live cluster: evaluates the current step's check (in the engine's worker) whenever the
 * cluster changes (and on a short interval, for checks on history), latches passed steps into the progress
 * store and moves on. One evaluation is in flight at a time; changes meanwhile ask for one more.
 */
export function useLessonProgress(lesson: Lesson, conn: LabConnection, store: ProgressStore): LessonProgress {
  const [done, setDone] = useState<ReadonlySet<number>>(() => new Set(store.completed(lesson.slug)));
  const [live, setLive] = useState<CheckResult>();
  useEffect(() => setDone(new Set(store.completed(lesson.slug))), [lesson.slug, store]);
  const current = firstUndone(lesson, done);

  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    const evaluate = async () => {
      const next = new Set(done);
      let i = firstUndone(lesson, next);
      let last: CheckResult | undefined;
      // A reading-only step is done as soon as it is reached; a checked one when its check passes.
      while (i < lesson.steps.length) {
        const r = await conn.check(lesson.steps[i]);
        if (stopped) return;
        last = lesson.steps[i].check ? r : undefined;
        if (!r.pass) break;
        next.add(i);
        store.markDone(lesson.slug, i);
        i = firstUndone(lesson, next);
      }
      setLive((prev) => (prev?.pass === last?.pass && prev?.detail === last?.detail ? prev : last));
      if (next.size !== done.size) setDone(next);
    };
    const tick = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      evaluate()
        .catch(() => {})
        .finally(() => {
          running = false;
          if (again) tick();
        });
    };
    tick();
    const unsub = conn.onTick(tick);
    const timer = setInterval(tick, INTERVAL_MS);
    return () => {
      stopped = true;
      unsub();
      clearInterval(timer);
    };
  }, [lesson, conn, store, done]);

  const restart = useCallback(() => {
    store.reset(lesson.slug);
    setDone(new Set());
  }, [lesson.slug, store]);

  return { done, current, live, restart };
}

function firstUndone(lesson: Lesson, done: ReadonlySet<number>): number {
  for (let i = 0; i < lesson.steps.length; i++) if (!done.has(i)) return i;
  return lesson.steps.length;
}
