import { LessonError, parseLesson, type Lesson, type LessonProblem } from '../../engine/lessons/index.ts';
import type { Locale } from '../i18n/strings.ts';

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

/** Build the catalog from `{ '/lessons/<slug>/<lang>.md': text }`. A broken file drops only that lesson. */
export function buildCatalog(files: Record<string, string>): Catalog {
  const bySlug = new Map<string, CatalogEntry>();
  const problems: LessonProblem[] = [];
  for (const [path, text] of Object.entries(files)) {
    const m = /\/lessons\/([^/]+)\/(en|zh-CN)\.md$/.exec(path);
    if (!m) continue;
    const [, slug, lang] = m;
    try {
      const lesson = parseLesson(`lessons/${slug}/${lang}.md`, text, slug, lang);
      const e = bySlug.get(slug) ?? { slug, byLang: {} };
      e.byLang[lang as Locale] = lesson;
      bySlug.set(slug, e);
    } catch (err) {
      problems.push(...(err instanceof LessonError ? err.problems : [{ file: path, line: 0, message: String(err) }]));
    }
  }
  // A lesson is published only when both languages parse (kubelab lessons check walks both).
  const entries = [...bySlug.values()].filter((e) => e.byLang.en && e.byLang['zh-CN']);
  entries.sort((a, b) => a.byLang.en!.order - b.byLang.en!.order || a.slug.localeCompare(b.slug));
  return { entries, problems };
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

let cached: Catalog | undefined;

/** The lessons bundled with the page (every `lessons/<slug>/<lang>.md`). */
export function bundledCatalog(): Catalog {
  if (!cached) {
    const files = import.meta.glob('/lessons/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    cached = buildCatalog(files);
    for (const p of cached.problems) console.warn(`${p.file}:${p.line}: ${p.message}`);
  }
  return cached;
}
