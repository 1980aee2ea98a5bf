import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLesson, LessonError, parseLesson, type Lesson, type LessonProblem } from '../engine/lessons/index.ts';
import type { CliIO } from './main.ts';

/** The repository's `lessons/` folder. */
export const LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));

export const LANGS = ['en', 'zh-CN'] as const;

export interface LoadedLessons {
  lessons: Lesson[];
  problems: LessonProblem[];
}

/** Read and parse `lessons/<slug>/<lang>.md` for the given slugs (all when empty). */
export function loadLessons(dir = LESSONS_DIR, slugs: string[] = []): LoadedLessons {
  const out: LoadedLessons = { lessons: [], problems: [] };
  const all = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const s of slugs) if (!all.includes(s)) out.problems.push({ file: relative(process.cwd(), join(dir, s)) || s, line: 0, message: `no lesson "${s}"` });
  for (const slug of slugs.length ? all.filter((s) => slugs.includes(s)) : all) {
    for (const lang of LANGS) {
      const path = join(dir, slug, `${lang}.md`);
      const file = relative(process.cwd(), path) || path;
      if (!existsSync(path)) {
        out.problems.push({ file, line: 0, message: `missing ${lang}.md (every lesson is written in ${LANGS.join(' and ')})` });
        continue;
      }
      try {
        out.lessons.push(parseLesson(file, readFileSync(path, 'utf8'), slug, lang));
      } catch (e) {
        if (e instanceof LessonError) out.problems.push(...e.problems);
        else out.problems.push({ file, line: 0, message: String(e) });
      }
    }
  }
  return out;
}

const fmt = (p: LessonProblem) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`;

/** `kubelab lessons check [SLUG...]`: walk every lesson in every language; non-zero when any fails. */
export function lessonsCommand(args: string[], io: CliIO, dir = LESSONS_DIR): number {
  if (args[0] !== 'check') {
    io.err(`kubelab: lessons takes the subcommand "check" (kubelab lessons check [SLUG...])\n`);
    return 2;
  }
  const { lessons, problems } = loadLessons(dir, args.slice(1));
  let failed = problems.length > 0;
  if (problems.length) {
    io.out(`FAIL  lesson files\n`);
    for (const p of problems) io.out(fmt(p));
  }
  for (const l of lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug) || a.lang.localeCompare(b.lang))) {
    const r = checkLesson(l);
    const n = r.steps.length;
    io.out(`${r.ok ? 'ok  ' : 'FAIL'}  ${l.slug} [${l.lang}] ${r.steps.filter((s) => s.ok).length}/${n} steps\n`);
    for (const p of r.problems) io.out(fmt(p));
    if (!r.ok) failed = true;
  }
  io.out(failed ? 'lessons check: FAILED\n' : `lessons check: ${lessons.length} lesson files passed\n`);
  return failed ? 1 : 0;
}
