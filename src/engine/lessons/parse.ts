import yaml from 'js-yaml';
import { needsMoreInput } from '../shell/parser.ts';
import { validateCheck } from './checks/index.ts';
import { LessonError, type CheckSpec, type Lesson, type LessonCluster, type LessonProblem, type LessonStep } from './types.ts';

const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

/** Split terminal input the way the lab terminal groups it (a heredoc, an open quote or a trailing `|` continue). */
export function splitInputs(text: string): string[] {
  const inputs: string[] = [];
  let cur: string | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (cur === undefined) {
      if (line.trim() === '') continue;
      cur = line;
    } else cur += '\n' + line;
    if (!needsMoreInput(cur)) {
      inputs.push(cur);
      cur = undefined;
    }
  }
  if (cur !== undefined) inputs.push(cur);
  return inputs;
}

/** The 1-based line in `text` (starting at `base`) where `key:` first appears, else `base`. */
function keyLine(text: string, key: string, base: number): number {
  const re = new RegExp(`^\\s*(-\\s*)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) return base + i;
  return base;
}

interface Fence {
  lang: string;
  info: string;
  body: string;
  /** Line of the opening fence (1-based). */
  line: number;
}

/**
 * Read one lesson file: YAML frontmatter between `---` lines, an intro, then one step per `## ` heading. In a
 * step, fenced ```check```, ```hint``` and ```solution``` blocks are taken out of the text. Throws a
 * LessonError listing every problem with its line.
 */
export function parseLesson(file: string, text: string, slug: string, lang: string): Lesson {
  const problems: LessonProblem[] = [];
  const bad = (line: number, message: string) => problems.push({ file, line, message });
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') throw new LessonError([{ file, line: 1, message: 'a lesson starts with YAML frontmatter between "---" lines' }]);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new LessonError([{ file, line: 1, message: 'frontmatter is not closed by a "---" line' }]);
  const fmText = lines.slice(1, end).join('\n');
  let fm: Record<string, unknown> = {};
  try {
    const v = yaml.load(fmText);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(2, 'frontmatter must be a YAML mapping');
    else fm = v as Record<string, unknown>;
  } catch (e) {
    const mark = (e as { mark?: { line: number } }).mark;
    // Reported alone: every field would otherwise look missing too.
    throw new LessonError([{ file, line: 2 + (mark?.line ?? 0), message: `frontmatter: ${(e as { reason?: string }).reason ?? String(e)}` }]);
  }
  const at = (key: string) => keyLine(fmText, key, 2);
  const str = (key: string, required = true): string => {
    const v = fm[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (v !== undefined || required) bad(at(key), `frontmatter: "${key}" must be a non-empty string`);
    return '';
  };
  const num = (key: string): number => {
    const v = fm[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    bad(at(key), `frontmatter: "${key}" must be a positive number`);
    return 0;
  };
  const known = new Set(['title', 'summary', 'minutes', 'level', 'tags', 'order', 'cluster', 'setup']);
  for (const k of Object.keys(fm)) if (!known.has(k)) bad(at(k), `frontmatter: unknown field "${k}"`);
  const title = str('title');
  const summary = str('summary');
  const minutes = num('minutes');
  const order = num('order');
  const level = str('level') as Lesson['level'];
  if (level && !LEVELS.includes(level)) bad(at('level'), `frontmatter: "level" must be one of ${LEVELS.join(', ')}`);
  const tags = fm.tags;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) bad(at('tags'), 'frontmatter: "tags" must be a list of strings');
  const cluster = parseCluster(fm.cluster, (k, m) => bad(k ? keyLine(fmText, k, 2) : at('cluster'), m));
  const setup = { manifests: [] as string[], commands: [] as string[] };
  if (fm.setup !== undefined) {
    const s = fm.setup as Record<string, unknown>;
    if (typeof s !== 'object' || s === null) bad(at('setup'), 'frontmatter: "setup" must be a mapping with manifests and commands');
    else
      for (const [k, v] of Object.entries(s)) {
        if ((k !== 'manifests' && k !== 'commands') || !Array.isArray(v) || v.some((x) => typeof x !== 'string')) bad(keyLine(fmText, k, 2), `frontmatter: setup.${k} must be a list of strings (setup has manifests and commands)`);
        else setup[k] = v as string[];
      }
  }

  // Body: intro, then `## ` steps.
  const intro: string[] = [];
  const steps: LessonStep[] = [];
  let cur: { title: string; line: number; text: string[]; fences: Fence[] } | undefined;
  const finish = () => {
    if (cur) steps.push(buildStep(file, cur, bad));
  };
  for (let i = end + 1; i < lines.length; i++) {
    const line = lines[i];
    const open = /^(`{3,})\s*([\w-]*)\s*(.*)$/.exec(line);
    if (open) {
      const close = lines.findIndex((l, j) => j > i && l.trim() === open[1]);
      if (close < 0) {
        bad(i + 1, `code fence ${open[1]}${open[2]} is never closed`);
        break;
      }
      const fence: Fence = { lang: open[2], info: open[3].trim(), body: lines.slice(i + 1, close).join('\n'), line: i + 1 };
      if (cur && (fence.lang === 'check' || fence.lang === 'hint' || fence.lang === 'solution')) cur.fences.push(fence);
      else if (!cur && (fence.lang === 'check' || fence.lang === 'hint' || fence.lang === 'solution')) bad(i + 1, `a ${fence.lang} block belongs in a step (after a "## " heading)`);
      else (cur ? cur.text : intro).push(...lines.slice(i, close + 1));
      i = close;
      continue;
    }
    const h = /^## +(.+)$/.exec(line);
    if (h) {
      finish();
      cur = { title: h[1].trim(), line: i + 1, text: [], fences: [] };
      continue;
    }
    (cur ? cur.text : intro).push(line);
  }
  finish();
  if (steps.filter((s) => s.check).length === 0) bad(end + 2, 'a lesson needs at least one step with a check');
  if (problems.length) throw new LessonError(problems);
  return { slug, lang, file, title, summary, minutes, level, tags: tags as string[], order, cluster, setup, intro: intro.join('\n').trim(), steps };
}

function parseCluster(v: unknown, bad: (key: string | undefined, m: string) => void): LessonCluster {
  const c: LessonCluster = { nodes: 2, cni: 'flannel', proxyMode: 'iptables', dns: true, mesh: 'none', controlPlanes: 1 };
  if (v === undefined) return c;
  if (typeof v !== 'object' || v === null) {
    bad(undefined, 'frontmatter: "cluster" must be a mapping');
    return c;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === 'nodes' && Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 20) c.nodes = x as number;
    else if (k === 'cni' && (x === 'flannel' || x === 'calico')) c.cni = x;
    else if (k === 'proxyMode' && (x === 'iptables' || x === 'ipvs')) c.proxyMode = x;
    else if (k === 'dns' && typeof x === 'boolean') c.dns = x;
    else if (k === 'mesh' && x === 'none') c.mesh = x;
    else if (k === 'controlPlanes' && (x === 1 || x === 3)) c.controlPlanes = x;
    else if (k === 'mesh') bad(k, `frontmatter: cluster.mesh ${JSON.stringify(x)} is not available yet (only "none")`);
    else bad(k, `frontmatter: cluster.${k}: invalid value ${JSON.stringify(x)} (nodes: 1-20, cni: flannel|calico, proxyMode: iptables|ipvs, dns: true|false, mesh: none, controlPlanes: 1|3)`);
  }
  return c;
}

function buildStep(file: string, s: { title: string; line: number; text: string[]; fences: Fence[] }, bad: (line: number, m: string) => void): LessonStep {
  const step: LessonStep = { title: s.title, text: s.text.join('\n').trim(), hints: [], solution: [], wait: 120, ref: { file, line: s.line } };
  for (const f of s.fences) {
    if (f.lang === 'hint') step.hints.push(f.body.trim());
    else if (f.lang === 'solution') {
      if (step.solution.length) bad(f.line, 'a step has one solution block');
      step.solution = splitInputs(f.body);
    } else {
      if (step.check) {
        bad(f.line, 'a step has one check block (combine predicates with all/any)');
        continue;
      }
      const wait = /^wait=(\d+)$/.exec(f.info);
      if (f.info && !wait) bad(f.line, `unknown check option "${f.info}" (only wait=SECONDS)`);
      if (wait) step.wait = Number(wait[1]);
      let spec: unknown;
      try {
        spec = yaml.load(f.body);
      } catch (e) {
        const mark = (e as { mark?: { line: number } }).mark;
        bad(f.line + 1 + (mark?.line ?? 0), `check: ${(e as { reason?: string }).reason ?? String(e)}`);
        continue;
      }
      for (const p of validateCheck(spec)) bad(f.line + 1 + lineOfPath(f.body, p.path), `check: ${p.message}`);
      step.check = (Array.isArray(spec) ? { all: spec } : spec) as CheckSpec;
      step.checkRef = { file, line: f.line };
    }
  }
  if (step.check && !step.solution.length) bad(s.line, `step "${s.title}" has a check but no solution block`);
  if (!step.check && step.solution.length) bad(s.line, `step "${s.title}" has a solution but no check block`);
  return step;
}

/** The 0-based line in a check block where the last key of `path` is written (best effort). */
function lineOfPath(body: string, path: string[]): number {
  const keys = path.filter((k) => !/^\d+$/.test(k));
  let from = 0;
  const lines = body.split('\n');
  for (const k of keys) {
    const re = new RegExp(`(^|[\\s{,-])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    const i = lines.findIndex((l, j) => j >= from && re.test(l));
    if (i >= 0) from = i;
  }
  return from;
}
