import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../engine/lessons/index.ts';
import { newInstance, type Instance } from '../workspace/instance.ts';
import { recordAt } from './model.ts';

/** The lab's timeline: the live lab, or a read-only lab rebuilt at an earlier virtual time. */
export interface Timeline {
  /** The virtual time being viewed (undefined: live). */
  at?: number;
  /** The rebuilt lab at `at`, once its worker has replayed the journal up to it. */
  past?: Instance;
  scrub(t: number): void;
  /** Back to the live lab (the rebuilt one is dropped). */
  live(): void;
  /** Continue from the viewed moment: the rebuilt lab becomes the live one (inputs after it are dropped). */
  resume(): void;
}

/** How long a drag must rest before a lab is rebuilt at its time. */
const SETTLE_MS = 120;

/**
 * Scrubbing rebuilds the lab at the chosen time in a separate engine (its own worker): a fresh cluster of the same
 * origin replaying the journal cut at that time, paused. The live lab keeps running meanwhile. `adopt` is how
 * "Resume from here" makes the rebuilt lab the page's lab.
 */
export function useTimeline(inst: Instance, lesson: Lesson | undefined, adopt: (next: Instance) => void): Timeline {
  const [at, setAt] = useState<number>();
  const [past, setPast] = useState<Instance>();
  const pastRef = useRef<Instance | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);

  const drop = useCallback(() => {
    clearTimeout(timer.current);
    generation.current++;
    pastRef.current?.conn.dispose();
    pastRef.current = undefined;
    setPast(undefined);
  }, []);

  // A new live lab (reset, lesson, resume) ends any viewing of the old one.
  useEffect(() => {
    setAt(undefined);
    return drop;
  }, [inst, drop]);

  const scrub = useCallback(
    (t: number) => {
      setAt(t);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const gen = ++generation.current;
        const record = recordAt(inst.conn.record(), t);
        const next = newInstance(record.origin, lesson, record);
        next.conn.setSpeed(0);
        void next.conn.ready.then(
          () => {
            if (gen !== generation.current) return next.conn.dispose();
            next.source.flush();
            pastRef.current?.conn.dispose();
            pastRef.current = next;
            setPast(next);
          },
          () => next.conn.dispose(),
        );
      }, SETTLE_MS);
    },
    [inst, lesson],
  );

  const live = useCallback(() => {
    drop();
    setAt(undefined);
  }, [drop]);

  const resume = useCallback(() => {
    const next = pastRef.current;
    if (!next) return;
    pastRef.current = undefined;
    generation.current++;
    setPast(undefined);
    setAt(undefined);
    adopt(next);
  }, [adopt]);

  return { at, past, scrub, live, resume };
}
