/** The bundled lessons: every `lessons/<slug>/<lang>.md`, parsed and checked. Loaded on demand (`loadCatalog`). */
import { parseLesson } from '../../engine/lessons/parse.ts';
import { LessonError, type LessonProblem } from '../../engine/lessons/types.ts';
import type { Locale } from '../i18n/strings.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';

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
