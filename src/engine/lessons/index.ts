/**
 * Lessons: parsing lesson files, declarative checks over cluster state and history, and the headless walker
 * behind `kubelab lessons check`. Pure: no file system, no DOM.
 */
export { parseLesson, splitInputs } from './parse.ts';
export { checkLesson, evaluateStep, runSetup, startLesson, waitForStep, type LessonReport, type StepReport } from './runner.ts';
export { evaluateCheck, listPredicates, validateCheck, type CheckResult } from './checks/index.ts';
export { LessonError, type Lesson, type LessonCluster, type LessonProblem, type LessonStep } from './types.ts';
