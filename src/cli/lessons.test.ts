import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLesson } from '../engine/lessons/index.ts';
import { lessonsCommand, loadLessons } from './lessons.ts';

/** `npm test` walks every published lesson the way `kubelab lessons check` does. */
describe('every lesson passes kubelab lessons check', () => {
  const { lessons, problems } = loadLessons();
  it('every lesson file parses', () => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });
  for (const l of lessons) {
    it(`${l.slug} [${l.lang}]`, () => {
      const r = checkLesson(l);
      expect(r.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    }, 60_000);
  }
  it('both languages of a lesson have the same steps and checks', () => {
    const bySlug = new Map<string, typeof lessons>();
    for (const l of lessons) bySlug.set(l.slug, [...(bySlug.get(l.slug) ?? []), l]);
    for (const [slug, ls] of bySlug) {
      const [a, b] = ls;
      if (!b) continue;
      const same = (l: (typeof ls)[number]) => ({ slug, order: l.order, minutes: l.minutes, level: l.level, tags: l.tags, cluster: l.cluster, setup: l.setup, checks: l.steps.map((s) => s.check), waits: l.steps.map((s) => s.wait), solutions: l.steps.map((s) => s.solution) });
      expect(same(b)).toEqual(same(a));
    }
  });
});

function io() {
  const o = { stdout: '', stderr: '', out: (t: string) => void (o.stdout += t), err: (t: string) => void (o.stderr += t), readFile: () => '' };
  return o;
}

const good = (check: string, solution: string) => `---
title: T
summary: S
minutes: 10
level: beginner
tags: [x]
order: 1
---

Intro.

## Make it

\`\`\`check
${check}
\`\`\`

\`\`\`solution
${solution}
\`\`\`
`;

describe('kubelab lessons check', () => {
  const cases: Array<{ name: string; en: string; code: number; want: RegExp }> = [
    { name: 'a passing lesson', en: good('exists: {kind: ConfigMap, name: c}', 'kubectl create configmap c'), code: 0, want: /ok {4}demo \[en\] 1\/1 steps/ },
    { name: 'a check that passes before its solution', en: good('exists: {kind: Namespace, name: default}', 'kubectl get ns'), code: 1, want: /en\.md:14: step "Make it": the check already passes before the solution/ },
    { name: 'a solution that does not satisfy the check', en: good('exists: {kind: ConfigMap, name: c}', 'kubectl create configmap d'), code: 1, want: /en\.md:14: step "Make it": the check does not pass after the solution: ConfigMap\/c not found/ },
    { name: 'a check naming a missing field', en: good('field: {kind: ConfigMap, name: c, path: .data.colour, equals: red}', 'kubectl create configmap c --from-literal=color=red'), code: 1, want: /en\.md:14: .*ConfigMap\/c has no field \.data\.colour/ },
    { name: 'malformed frontmatter', en: good('exists: {kind: ConfigMap, name: c}', 'x').replace('minutes: 10', 'minutes: [10'), code: 1, want: /en\.md:\d+: frontmatter: / },
    { name: 'a bad frontmatter value is reported on its line', en: good('exists: {kind: ConfigMap, name: c}', 'x').replace('level: beginner', 'level: expert'), code: 1, want: /en\.md:5: frontmatter: "level" must be one of/ },
    { name: 'an unknown check argument is reported on its line', en: good('exists:\n  kind: ConfigMap\n  nam: c', 'x'), code: 1, want: /en\.md:17: check: exists: unknown argument "nam"/ },
    { name: 'an unknown predicate', en: good('exist: {kind: ConfigMap, name: c}', 'x'), code: 1, want: /en\.md:15: check: unknown predicate "exist"/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
      mkdirSync(join(dir, 'demo'));
      writeFileSync(join(dir, 'demo', 'en.md'), c.en);
      writeFileSync(join(dir, 'demo', 'zh-CN.md'), good('exists: {kind: ConfigMap, name: c}', 'kubectl create configmap c'));
      const o = io();
      const code = lessonsCommand(['check'], o, dir);
      expect(o.stdout).toMatch(c.want);
      expect(code).toBe(c.code);
    });
  }
  it('an unknown slug fails', () => {
    const o = io();
    expect(lessonsCommand(['check', 'no-such-lesson'], o)).toBe(1);
    expect(o.stdout).toMatch(/no lesson "no-such-lesson"/);
  });
});
