import { useEffect } from 'react';
import type { WorkspaceStore } from '../persistence/store.ts';
import type { Instance } from './instance.ts';

/** How often the lab's virtual time is saved while it runs with no new input. */
const SAVE_INTERVAL_MS = 2000;

/**
 * Keep the saved workspace in step with a running lab: its record after every input, its virtual time every
 * couple of seconds, and everything pending when the page is hidden or closed.
 */
export function usePersistence(ws: WorkspaceStore | undefined, inst: Instance): void {
  useEffect(() => {
    if (!ws) return;
    const save = () => ws.save('lab', inst.conn.record());
    save();
    const off = inst.conn.onJournal(save);
    let lastNow = inst.conn.now();
    const timer = setInterval(() => {
      const now = inst.conn.now();
      if (now !== lastNow) save();
      lastNow = now;
    }, SAVE_INTERVAL_MS);
    const hide = () => {
      save();
      void ws.flush();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && hide();
    window.addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      off();
      clearInterval(timer);
      window.removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ws, inst]);
}
