import { describe, expect, it } from 'vitest';
import { filterCatalog } from './catalog.ts';
import { buildCatalog } from './catalogData.ts';
import { createProgressStore, deepLink, parseDeepLink } from './progress.ts';

const lesson = (title: string, order: number, tags: string) => `---
title: ${title}
summary: About ${title}
minutes: 10
level: beginner
tags: [${tags}]
order: ${order}
---

## Do it

\`\`\`check
exists: {kind: ConfigMap, name: c}
\`\`\`

\`\`\`solution
kubectl create configmap c
\`\`\`
`;

describe('buildCatalog', () => {
  const files = {
    '/lessons/b/en.md': lesson('Bravo', 2, 'net'),
    '/lessons/b/zh-CN.md': lesson('乙', 2, 'net'),
    '/lessons/a/en.md': lesson('Alpha', 1, 'apps, net'),
    '/lessons/a/zh-CN.md': lesson('甲', 1, 'apps, net'),
    '/lessons/broken/en.md': lesson('Broken', 3, 'x').replace('minutes: 10', 'minutes: [10'),
    '/lessons/broken/zh-CN.md': lesson('坏', 3, 'x'),
    '/lessons/only-en/en.md': lesson('Only English', 4, 'x'),
  };
  const c = buildCatalog(files);
  it('orders lessons and leaves out broken or untranslated ones without failing', () => {
    expect(c.entries.map((e) => e.slug)).toEqual(['a', 'b']);
    expect(c.problems.map((p) => p.file)).toEqual(['lessons/broken/en.md']);
  });
  const cases: Array<{ name: string; locale: 'en' | 'zh-CN'; query: string; tag?: string; want: string[] }> = [
    { name: 'empty query lists all', locale: 'en', query: '', want: ['a', 'b'] },
    { name: 'query matches the title', locale: 'en', query: 'brav', want: ['b'] },
    { name: 'query in the shown language', locale: 'zh-CN', query: '甲', want: ['a'] },
    { name: 'tag filter', locale: 'en', query: '', tag: 'apps', want: ['a'] },
    { name: 'every word must match', locale: 'en', query: 'alpha net', want: ['a'] },
  ];
  for (const k of cases) it(k.name, () => expect(filterCatalog(c.entries, k.locale, { query: k.query, tag: k.tag }).map((e) => e.slug)).toEqual(k.want));
});

describe('deep links', () => {
  const cases: Array<{ name: string; search: string; want: { slug?: string; step?: number } }> = [
    { name: 'lesson and 1-based step', search: '?lesson=services&step=2', want: { slug: 'services', step: 1 } },
    { name: 'lesson only', search: '?lesson=pods', want: { slug: 'pods', step: undefined } },
    { name: 'bad step ignored', search: '?lesson=pods&step=0', want: { slug: 'pods', step: undefined } },
    { name: 'nothing', search: '?seed=3', want: { slug: undefined, step: undefined } },
  ];
  for (const k of cases) it(k.name, () => expect(parseDeepLink(k.search)).toEqual(k.want));
  it('keeps other parameters', () => expect(deepLink('?seed=3', 'pods', 0)).toBe('?seed=3&lesson=pods&step=1'));
  it('removes the lesson', () => expect(deepLink('?seed=3&lesson=pods&step=2', undefined)).toBe('?seed=3'));
});

describe('progress store', () => {
  it('remembers completed steps per lesson and ignores garbage', () => {
    const m = new Map<string, string>([['kubelab.lessons.progress', '{"a":[2,"x",-1],"b":"nope"}']]);
    const s = createProgressStore({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) });
    expect(s.completed('a')).toEqual([2]);
    expect(s.completed('b')).toEqual([]);
    s.markDone('a', 0);
    expect(s.completed('a')).toEqual([0, 2]);
    s.reset('a');
    expect(s.completed('a')).toEqual([]);
  });
});
