import { parseLesson } from '../../engine/lessons/parse.ts';
import type { Lesson } from '../../engine/lessons/types.ts';

const files = import.meta.glob('/lessons/*/en.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/**
 * A bundled lesson by slug (English: the lesson's cluster and checks are the same in every language), for a lab
 * whose origin names a lesson the page has not loaded yet (the page's catalog is fetched on demand).
 */
export function bundledLesson(slug: string): Lesson | undefined {
  const text = files[`/lessons/${slug}/en.md`];
  if (text === undefined) return undefined;
  try {
    return parseLesson(`lessons/${slug}/en.md`, text, slug, 'en');
  } catch {
    return undefined;
  }
}
