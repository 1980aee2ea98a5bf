import { useCallback, useMemo, useState } from 'react';
import type { Lesson } from '../../engine/lessons/index.ts';
import type { Locale } from '../i18n/strings.ts';
import { bundledCatalog, lessonFor, type Catalog } from './catalog.ts';
import { createProgressStore, deepLink, parseDeepLink, type ProgressStore } from './progress.ts';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface LessonSelection {
  catalog: Catalog;
  store: ProgressStore;
  slug?: string;
  /** The step a deep link asked for (0-based). */
  focusStep?: number;
  catalogOpen: boolean;
  lesson(locale: Locale): Lesson | undefined;
  open(slug: string): void;
  close(): void;
  setStep(step: number): void;
  showCatalog(open: boolean): void;
}

/** Which lesson the lab shows, kept in the URL (`?lesson=slug&step=N`) so a lesson and a step can be linked. */
export function useLessonSelection(progress?: ProgressStore): LessonSelection {
  const catalog = useMemo(() => bundledCatalog(), []);
  // Progress comes from the saved workspace (IndexedDB) when the page has one; localStorage otherwise.
  const store = useMemo(() => progress ?? createProgressStore(storage()), [progress]);
  const [link] = useState(() => parseDeepLink(location.search));
  const known = (s?: string) => (s && catalog.entries.some((e) => e.slug === s) ? s : undefined);
  const [slug, setSlug] = useState(() => known(link.slug));
  const [focusStep, setFocusStep] = useState(() => (known(link.slug) ? link.step : undefined));
  const [catalogOpen, showCatalog] = useState(false);
  const sync = (s: string | undefined, step?: number) => history.replaceState(history.state, '', `${location.pathname}${deepLink(location.search, s, step)}${location.hash}`);
  const lesson = useCallback(
    (locale: Locale) => {
      const e = catalog.entries.find((x) => x.slug === slug);
      return e ? lessonFor(e, locale) : undefined;
    },
    [catalog, slug],
  );
  return {
    catalog,
    store,
    slug,
    focusStep,
    catalogOpen,
    lesson,
    open(s) {
      setSlug(s);
      setFocusStep(undefined);
      showCatalog(false);
      sync(s);
    },
    close() {
      setSlug(undefined);
      setFocusStep(undefined);
      sync(undefined);
    },
    setStep(step) {
      sync(slug, step);
    },
    showCatalog,
  };
}
