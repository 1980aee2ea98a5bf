import { createCluster, type Cluster } from '../cluster.ts';
import type { ClusterOptions } from '../runtime.ts';
import { evaluateCheck, type CheckResult } from './checks/index.ts';
import type { Lesson, LessonProblem, LessonStep } from './types.ts';

/** The cluster a lesson starts from, with its setup applied and settled. */
export function startLesson(lesson: Lesson, seed = 1): Cluster {
  const c = lesson.cluster;
  const cluster = createCluster(clusterOptions(c, seed));
  runSetup(cluster, lesson);
  return cluster;
}

/** The engine options for a lesson's frontmatter `cluster:`. */
function clusterOptions(c: Lesson['cluster'], seed: number): ClusterOptions {
  return { seed, nodes: c.nodes, cni: c.cni, proxyMode: c.proxyMode, dns: c.dns, controlPlanes: c.controlPlanes };
}

/** Apply the lesson's setup manifests and commands (not recorded as the learner's history), then settle. */
export function runSetup(cluster: Cluster, lesson: Lesson): string[] {
  const failures: string[] = [];
  const rt = cluster.runtime;
  const mark = rt.history.commands.length;
  lesson.setup.manifests.forEach((m, i) => {
    const path = `/tmp/.lesson-setup-${i}.yaml`;
    cluster.writeFile(path, m);
    const r = cluster.run(`kubectl apply -f ${path}`);
    rt.files.delete(path);
    if (r.exitCode !== 0) failures.push(`setup manifest ${i + 1}: ${r.stderr.trim()}`);
  });
  for (const cmd of lesson.setup.commands) {
    const r = cluster.run(cmd);
    if (r.exitCode !== 0) failures.push(`setup command "${cmd}": ${r.stderr.trim()}`);
  }
  rt.history.commands.splice(mark);
  cluster.runUntilIdle(120_000);
  return failures;
}

export function evaluateStep(cluster: Cluster, step: LessonStep): CheckResult {
  if (!step.check) return { pass: true, detail: '' };
  try {
    return evaluateCheck({ rt: cluster.runtime }, step.check);
  } catch (e) {
    return { pass: false, detail: `check error: ${(e as Error).message}` };
  }
}

/** Advance virtual time in one-second ticks until the step's check passes or `step.wait` seconds pass. */
export function waitForStep(cluster: Cluster, step: LessonStep): CheckResult {
  let r = evaluateStep(cluster, step);
  for (let s = 0; !r.pass && s < step.wait; s++) {
    cluster.advance(1000);
    r = evaluateStep(cluster, step);
  }
  return r;
}

export interface StepReport {
  title: string;
  ok: boolean;
  problems: LessonProblem[];
}

export interface LessonReport {
  lesson: Lesson;
  ok: boolean;
  steps: StepReport[];
  problems: LessonProblem[];
}

/**
 * Walk a lesson headlessly: set up its cluster; for each step assert the check fails before the solution and
 * passes after it (letting the cluster settle up to the step's wait); the engine records no internal errors.
 */
export function checkLesson(lesson: Lesson): LessonReport {
  const cluster = createCluster(clusterOptions(lesson.cluster, 1));
  const problems: LessonProblem[] = runSetup(cluster, lesson).map((message) => ({ file: lesson.file, line: 1, message }));
  const steps: StepReport[] = [];
  for (const step of lesson.steps) {
    if (!step.check) continue;
    const sp: LessonProblem[] = [];
    const at = step.checkRef ?? step.ref;
    cluster.runUntilIdle(60_000);
    const before = evaluateStep(cluster, step);
    if (before.pass) sp.push({ file: at.file, line: at.line, message: `step "${step.title}": the check already passes before the solution (${before.detail})` });
    for (const input of step.solution) {
      const r = cluster.run(input);
      if (r.exitCode !== 0 && !/\|\| true$/.test(input.trim())) sp.push({ file: step.ref.file, line: step.ref.line, message: `step "${step.title}": solution input failed (exit ${r.exitCode}): ${input.split('\n')[0]}\n    ${r.stderr.trim().split('\n').join('\n    ')}` });
    }
    const after = waitForStep(cluster, step);
    if (!after.pass) sp.push({ file: at.file, line: at.line, message: `step "${step.title}": the check does not pass after the solution: ${after.detail}` });
    steps.push({ title: step.title, ok: sp.length === 0, problems: sp });
    problems.push(...sp);
  }
  for (const e of cluster.runtime.internalErrors) problems.push({ file: lesson.file, line: 1, message: `engine internal error: ${e.split('\n')[0]}` });
  return { lesson, ok: problems.length === 0, steps, problems };
}
