import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { UiState } from '../state/uiStore.ts';
import { mounts, type Instance } from './instance.ts';

/**
 * Bind a lab instance to the page while it is shown: its mirror is published once per animation frame, its
 * speed follows the UI store (the worker's ticker advances virtual time) from the moment the lab is
 * interactive (`interactive`: the terminal is up, and the cluster is built), and its worker is stopped when
 * the lab is replaced or unmounted. The stop waits a task so React's development double-mount (effect,
 * cleanup, effect) keeps the same worker.
 */
export function useLabLifetime(inst: Instance, ui: StoreApi<UiState>, interactive: boolean): void {
  useEffect(() => {
    if (!interactive) return;
    let live = true;
    const conn = inst.conn;
    void conn.ready.then(() => live && conn.setSpeed(ui.getState().speed));
    const unsubscribe = ui.subscribe((s, prev) => {
      if (s.speed !== prev.speed) conn.setSpeed(s.speed);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [inst, ui, interactive]);
  useEffect(() => {
    mounts.set(inst, (mounts.get(inst) ?? 0) + 1);
    const conn = inst.conn;
    let frame = 0;
    const loop = () => {
      inst.source.flush();
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(frame);
      mounts.set(inst, (mounts.get(inst) ?? 1) - 1);
      setTimeout(() => {
        if ((mounts.get(inst) ?? 0) === 0) conn.dispose();
      }, 0);
    };
  }, [inst]);
}
