/**
 * Lesson progress: which steps a learner completed, per lesson. Kept in localStorage for now behind this
 * small interface, so moving it to IndexedDB changes only this file.
 */
export interface ProgressStore {
  completed(slug: string): number[];
  markDone(slug: string, step: number): void;
  reset(slug: string): void;
}

const KEY = 'kubelab.lessons.progress';

type Data = Record<string, number[]>;

function read(storage: Pick<Storage, 'getItem'> | undefined): Data {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: Data = {};
    for (const [k, v] of Object.entries(raw)) if (Array.isArray(v)) out[k] = v.filter((n): n is number => Number.isInteger(n) && n >= 0);
    return out;
  } catch {
    return {};
  }
}

export function createProgressStore(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): ProgressStore {
  const write = (d: Data) => {
    try {
      storage?.setItem(KEY, JSON.stringify(d));
    } catch {
      // Storage full or disabled: progress lives only as long as the page.
    }
  };
  return {
    completed: (slug) => read(storage)[slug] ?? [],
    markDone(slug, step) {
      const d = read(storage);
      const list = new Set(d[slug] ?? []);
      if (list.has(step)) return;
      list.add(step);
      d[slug] = [...list].sort((a, b) => a - b);
      write(d);
    },
    reset(slug) {
      const d = read(storage);
      delete d[slug];
      write(d);
    },
  };
}

/** `?lesson=slug&step=N` (N is 1-based in the URL). */
export function parseDeepLink(search: string): { slug?: string; step?: number } {
  const p = new URLSearchParams(search);
  const slug = p.get('lesson') ?? undefined;
  const n = Number(p.get('step'));
  return { slug: slug || undefined, step: Number.isInteger(n) && n >= 1 ? n - 1 : undefined };
}

export function deepLink(search: string, slug: string | undefined, step?: number): string {
  const p = new URLSearchParams(search);
  if (slug) p.set('lesson', slug);
  else p.delete('lesson');
  if (slug && step !== undefined) p.set('step', String(step + 1));
  else p.delete('step');
  const s = p.toString();
  return s ? `?${s}` : '';
}
