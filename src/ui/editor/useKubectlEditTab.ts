import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { UiState } from '../state/uiStore.ts';
import { editStore } from './pendingEdit.ts';

/** Show the editor tab whenever a `kubectl edit` opens (or reopens) its file. */
export function useKubectlEditTab(ui: StoreApi<UiState>, narrow: boolean): void {
  useEffect(
    () =>
      editStore.subscribe((s, prev) => {
        if (!s.edit || s.edit.seq === prev.edit?.seq) return;
        if (narrow) ui.getState().setNarrowTab('editor');
        else ui.getState().setDockTab('editor');
      }),
    [ui, narrow],
  );
}
