import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSnapshot, ClusterSource } from './clusterSource.ts';
import type { UiState } from './uiStore.ts';

/** The React binding of a ClusterSource: re-renders once per flushed frame in which objects changed. */
export function useClusterSnapshot(source: ClusterSource): ClusterSnapshot {
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}

/** Virtual time, re-rendering when it moves. */
export function useVirtualNow(source: ClusterSource): number {
  return useSyncExternalStore(source.subscribe, source.getNow);
}

export function useUi<T>(store: StoreApi<UiState>, selector: (s: UiState) => T): T {
  return useStore(store, selector);
}
