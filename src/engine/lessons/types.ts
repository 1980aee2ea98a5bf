/** The cluster a lesson starts from (frontmatter `cluster:`). */
export interface LessonCluster {
  nodes: number;
  cni: 'flannel' | 'calico';
  proxyMode: 'iptables' | 'ipvs';
  dns: boolean;
  /** A service mesh to install first; only `none` exists today. */
  mesh: 'none';
  /** Control-plane nodes (stacked etcd): 1 or 3. */
  controlPlanes: 1 | 3;
}

/** Where something came from in a lesson file, for messages (`lessons/pods/en.md:42`). */
export interface SourceRef {
  file: string;
  line: number;
}

/** A declarative predicate, as written in a ```check``` block (validated by `checks/registry.ts`). */
export type CheckSpec = Record<string, unknown>;

export interface LessonStep {
  title: string;
  /** Markdown shown to the learner (without the check, hint and solution blocks). */
  text: string;
  /** The predicate that completes the step; undefined for a reading-only section. */
  check?: CheckSpec;
  checkRef?: SourceRef;
  hints: string[];
  /** Terminal inputs, in order (a heredoc is one input). */
  solution: string[];
  /** Virtual seconds the checker lets the cluster settle after the solution (```check wait=N```). Default 120. */
  wait: number;
  ref: SourceRef;
}

export interface Lesson {
  slug: string;
  lang: string;
  file: string;
  title: string;
  summary: string;
  minutes: number;
  level: 'beginner' | 'intermediate' | 'advanced';
  tags: string[];
  order: number;
  cluster: LessonCluster;
  setup: { manifests: string[]; commands: string[] };
  /** Markdown before the first step. */
  intro: string;
  steps: LessonStep[];
}

/** A problem found while reading or checking a lesson. */
export interface LessonProblem {
  file: string;
  line: number;
  message: string;
}

export class LessonError extends Error {
  constructor(readonly problems: LessonProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  }
}
