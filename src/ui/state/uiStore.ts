import { createStore, type StoreApi } from 'zustand/vanilla';

/** Simulation speeds offered in the header: virtual seconds per wall-clock second (0 = paused). */
export const SPEEDS = [0, 1, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** UI-only state of one lab: how fast time runs and what is selected. The cluster's state lives in the engine. */
export interface UiState {
  speed: Speed;
  selectedPod?: string;
  setSpeed(speed: Speed): void;
  select(podId: string | undefined): void;
}

/** One store per lab instance (never a module singleton), so two labs on a page do not share state. */
export function createUiStore(initial: Partial<Pick<UiState, 'speed'>> = {}): StoreApi<UiState> {
  return createStore<UiState>((set) => ({
    speed: initial.speed ?? 1,
    selectedPod: undefined,
    setSpeed: (speed) => set({ speed }),
    select: (selectedPod) => set({ selectedPod }),
  }));
}
