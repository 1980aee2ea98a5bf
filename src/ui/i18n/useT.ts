import type { StoreApi } from 'zustand/vanilla';
import { useUi } from '../state/hooks.ts';
import type { UiState } from '../state/uiStore.ts';
import { translate, type MessageKey } from './strings.ts';

export type T = (key: MessageKey) => string;

/** The translation function for the lab's current language (re-renders when it changes). */
export function useT(ui: StoreApi<UiState>): T {
  const locale = useUi(ui, (s) => s.locale);
  return (key) => translate(locale, key);
}
