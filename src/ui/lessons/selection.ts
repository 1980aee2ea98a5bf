import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Lesson } from '../../engine/lessons/index.ts';
import type { Locale } from '../i18n/strings.ts';
import { lessonFor, loadCatalog, type Catalog } from './catalog.ts';
import { createProgressStore, deepLink, parseDeepLink, type ProgressStore } from './progress.ts';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface LessonSelection {
  /** Empty until loaded: the catalog is fetched when a lesson is open or the catalog is shown. */
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

const EMPTY: Catalog = { entries: [], problems: [] };

/** Which lesson the lab shows, kept in the URL (`?lesson=slug&step=N`) so a lesson and a step can be linked. */
export function useLessonSelection(progress?: ProgressStore): LessonSelection {
  const [catalog, setCatalog] = useState<Catalog>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  // Progress comes from the saved workspace (IndexedDB) when the page has one; localStorage otherwise.
  const store = useMemo(() => progress ?? createProgressStore(storage()), [progress]);
  const [link] = useState(() => parseDeepLink(location.search));
  // A linked lesson is taken at its word until the catalog arrives; an unknown one is dropped then.
  const [slug, setSlug] = useState(() => link.slug);
  const [focusStep, setFocusStep] = useState(() => (link.slug ? link.step : undefined));
  const [catalogOpen, showCatalog] = useState(false);
  const wanted = slug !== undefined || catalogOpen;
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    void loadCatalog().then((c) => {
      if (!live) return;
      setCatalog(c);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  useEffect(() => {
    if (loaded && slug && !catalog.entries.some((e) => e.slug === slug)) {
      setSlug(undefined);
      setFocusStep(undefined);
    }
  }, [loaded, slug, catalog]);
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
