/**
 * Text label and field selectors as kubectl sends them (`-l`, `--field-selector`), matched client-side
 * against the API's objects. Label grammar as apimachinery's labels.Parse: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`; field grammar as fields.ParseSelector.
 */
import { KubectlError } from './errors.ts';

export interface LabelSelector {
  matches(labels: Record<string, string>): boolean;
}

export interface FieldSelector {
  fields(): string[];
  matches(get: (field: string) => string): boolean;
}

type Req = (l: Record<string, string>) => boolean;

/** Split on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function parseRequirement(raw: string, whole: string): Req {
  const t = raw.trim();
  const setMatch = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(t);
  if (setMatch) {
    const [, key, op, list] = setMatch;
    const vals = list.split(',').map((v) => v.trim()).filter((v) => v !== '');
    return op === 'in' ? (l) => key in l && vals.includes(l[key]) : (l) => !(key in l) || !vals.includes(l[key]);
  }
  const cmp = /^([^\s!=<>()]+)\s*(==|=|!=|>|<)\s*([^\s!=<>(),]*)$/.exec(t);
  if (cmp) {
    const [, key, op, val] = cmp;
    switch (op) {
      case '=':
      case '==':
        return (l) => l[key] === val;
      case '!=':
        return (l) => l[key] !== val;
      case '>':
      case '<': {
        if (!/^-?\d+$/.test(val)) throw new KubectlError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        const n = parseInt(val, 10);
        return (l) => key in l && /^-?\d+$/.test(l[key]) && (op === '>' ? parseInt(l[key], 10) > n : parseInt(l[key], 10) < n);
      }
    }
  }
  const exists = /^(!?)([^\s!=<>(),]+)$/.exec(t);
  if (exists) {
    const [, neg, key] = exists;
    return neg ? (l) => !(key in l) : (l) => key in l;
  }
  throw new KubectlError(`unable to parse requirement: found '${t}', expected: in, notin, =, ==, !=, gt, lt (in selector "${whole}")`);
}

export function parseLabelSelector(text: string): LabelSelector {
  if (text.trim() === '') return { matches: () => true };
  const reqs = splitTop(text).map((r) => parseRequirement(r, text));
  return { matches: (labels) => reqs.every((r) => r(labels)) };
}

export function parseFieldSelector(text: string): FieldSelector {
  const terms: Array<{ field: string; op: '=' | '!='; value: string }> = [];
  for (const part of text.split(',')) {
    if (part === '') continue;
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) throw new KubectlError(`invalid selector: '${text}'; can't understand '${part}'`);
    terms.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return {
    fields: () => terms.map((t) => t.field),
    matches: (get) => terms.every((t) => (t.op === '=' ? get(t.field) === t.value : get(t.field) !== t.value)),
  };
}
