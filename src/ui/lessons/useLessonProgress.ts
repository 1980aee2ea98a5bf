import { useCallback, useEffect, useState } from 'react';
import type { Cluster } from '../../engine/index.ts';
import { evaluateStep, type CheckResult, type Lesson } from '../../engine/lessons/index.ts';
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
 * Follows a lesson on a live cluster: evaluates the current step's check whenever the cluster changes (and on
 * a short interval, for checks on history), latches passed steps into the progress store and moves on.
 */
export function useLessonProgress(lesson: Lesson, cluster: Cluster, subscribe: (fn: () => void) => () => void, store: ProgressStore): LessonProgress {
  const [done, setDone] = useState<ReadonlySet<number>>(() => new Set(store.completed(lesson.slug)));
  const [live, setLive] = useState<CheckResult>();
  useEffect(() => setDone(new Set(store.completed(lesson.slug))), [lesson.slug, store]);
  const current = firstUndone(lesson, done);

  useEffect(() => {
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      const next = new Set(done);
      let i = firstUndone(lesson, next);
      let last: CheckResult | undefined;
      // A reading-only step is done as soon as it is reached; a checked one when its check passes.
      while (i < lesson.steps.length) {
        const r = evaluateStep(cluster, lesson.steps[i]);
        last = lesson.steps[i].check ? r : undefined;
        if (!r.pass) break;
        next.add(i);
        store.markDone(lesson.slug, i);
        i = firstUndone(lesson, next);
      }
      setLive((prev) => (prev?.pass === last?.pass && prev?.detail === last?.detail ? prev : last));
      if (next.size !== done.size) setDone(next);
    };
    tick();
    const unsub = subscribe(tick);
    const timer = setInterval(tick, INTERVAL_MS);
    return () => {
      stopped = true;
      unsub();
      clearInterval(timer);
    };
  }, [lesson, cluster, subscribe, store, done]);

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
