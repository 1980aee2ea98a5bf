import type { Lesson, LessonProblem } from '../../engine/lessons/types.ts';
import type { Locale } from '../i18n/strings.ts';

/**
 * The lesson catalog's shape and pure helpers. The catalog itself (every lesson's markdown, parsed and checked)
 * is `catalogData.ts`, loaded on demand (`loadCatalog`) so it stays out of the page's first download.
 */

/** One lesson in every language it is written in. */
export interface CatalogEntry {
  slug: string;
  byLang: Partial<Record<Locale, Lesson>>;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Lesson files that did not parse: reported in the console, never shown and never fatal. */
  problems: LessonProblem[];
}

export function lessonFor(entry: CatalogEntry, locale: Locale): Lesson {
  return entry.byLang[locale] ?? entry.byLang.en!;
}

export interface CatalogFilter {
  query: string;
  tag?: string;
  level?: Lesson['level'];
}

/** Entries matching a free-text query (title, summary, tags, in the shown language), a tag and a level. */
export function filterCatalog(entries: CatalogEntry[], locale: Locale, f: CatalogFilter): CatalogEntry[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const l = lessonFor(e, locale);
    if (f.tag && !l.tags.includes(f.tag)) return false;
    if (f.level && l.level !== f.level) return false;
    const hay = `${l.title} ${l.summary} ${l.tags.join(' ')} ${e.slug}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function allTags(entries: CatalogEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.byLang.en!.tags))].sort();
}

let loading: Promise<Catalog> | undefined;

/** The bundled lessons, fetched and parsed once, on first use. */
export function loadCatalog(): Promise<Catalog> {
  loading ??= import('./catalogData.ts').then((m) => m.bundledCatalog());
  return loading;
}
