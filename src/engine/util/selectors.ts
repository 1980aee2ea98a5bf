import type { KubeObject } from '../api/types.ts';
import { isQualifiedName, isValidLabelValue } from '../api/validation/names.ts';

/**
 * Text selectors as the apiserver parses them: label selectors (labels.Parse: `a=b,c!=d,e in (x,y),!f`)
 * and field selectors (fields.ParseSelector: `spec.nodeName=n1,status.phase!=Running`). Errors carry
 * upstream's text; the apiserver returns them as 400 BadRequest.
 */

export class SelectorError extends Error {}

export interface LabelSelector {
  matches(labels: Record<string, string> | undefined): boolean;
  /** Canonical form (requirements sorted by key), as Selector.String(). */
  toString(): string;
  empty(): boolean;
}

type Op = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

const binaryOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

type Tok = 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'end' | 'error';
interface Item {
  tok: Tok;
  lit: string;
}

const special = new Set(['=', '!', '(', ')', ',', '>', '<']);
const symbolTokens: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };

function lex(s: string): Item[] {
  const out: Item[] = [];
  let pos = 0;
  const ws = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  for (;;) {
    while (pos < s.length && ws(s[pos])) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (special.has(s[pos])) {
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && special.has(s[pos])) {
        buf += s[pos];
        const t = symbolTokens[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !special.has(s[pos]) && !ws(s[pos])) buf += s[pos++];
    out.push({ tok: buf === 'in' ? 'in' : buf === 'notin' ? 'notin' : 'id', lit: buf });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  private look(values: boolean): Item {
    return this.asValue(this.items[this.pos], values);
  }

  private next(values: boolean): Item {
    return this.asValue(this.items[this.pos++], values);
  }

  private asValue(it: Item, values: boolean): Item {
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.next(true);
        if (t.tok === 'end') return reqs;
        if (t.tok === ',') {
          const t2 = this.look(true);
          if (t2.tok !== 'id' && t2.tok !== '!') throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'end') {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private requirement(): Requirement {
    let op: Op | undefined;
    let t = this.next(true);
    if (t.tok === '!') {
      op = '!';
      t = this.next(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length > 0) throw new Error(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const after = this.look(true).tok;
    if (after === 'end' || after === ',') op ??= 'exists';
    if (op === 'exists' || op === '!') return { key, op, values: [] };
    const o = this.next(false);
    const opOf: Partial<Record<Tok, Op>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    const binOp = opOf[o.tok];
    if (!binOp) throw new Error(`found '${o.lit}', expected: ${binaryOperators.join(', ')}`);
    const values = binOp === 'in' || binOp === 'notin' ? this.setValues() : this.exactValue();
    return newRequirement(key, binOp, [...new Set(values)].sort());
  }

  private setValues(): string[] {
    const t = this.next(true);
    if (t.tok !== '(') throw new Error(`found '${t.lit}' expected: '('`);
    const la = this.look(true);
    if (la.tok === 'id' || la.tok === ',') {
      const s = this.identifiers();
      if (this.next(true).tok !== ')') throw new Error(`found '${la.lit}', expected: ')'`);
      return s;
    }
    if (la.tok === ')') {
      this.next(true);
      return [''];
    }
    throw new Error(`found '${la.lit}', expected: ',', ')' or identifier`);
  }

  private identifiers(): string[] {
    const s = new Set<string>();
    for (;;) {
      const t = this.next(true);
      if (t.tok === 'id') {
        s.add(t.lit);
        const t2 = this.look(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return [...s];
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.look(true);
        if (t2.tok === ')') {
          s.add('');
          return [...s];
        }
        if (t2.tok === ',') {
          this.next(true);
          s.add('');
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const la = this.look(true);
    if (la.tok === 'end' || la.tok === ',') return [''];
    const t = this.next(true);
    if (t.tok === 'id') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/** labels.NewRequirement's value checks (the key was checked by the parser). */
function newRequirement(key: string, op: Op, values: string[]): Requirement {
  const errs: string[] = [];
  if ((op === 'in' || op === 'notin') && values.length === 0) {
    errs.push(`values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if ((op === '=' || op === '==' || op === '!=') && values.length !== 1) {
    errs.push(`values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value`);
  }
  if (op === 'gt' || op === 'lt') {
    if (values.length !== 1) errs.push(`values: Invalid value: ${goStrings(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) errs.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  values.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${e.join('; ')}`);
  });
  if (errs.length === 1) throw new Error(errs[0]);
  if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
  return { key, op, values };
}

function goStrings(v: string[]): string {
  return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
}

function matchesRequirement(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(labels[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(labels[r.key])) return false;
      const a = Number(labels[r.key]);
      const b = Number(r.values[0]);
      return r.op === 'gt' ? a > b : a < b;
    }
  }
}

function requirementString(r: Requirement): string {
  const vals = [...r.values].sort().join(',');
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${vals})`;
    case 'notin':
      return `${r.key} notin (${vals})`;
    case 'gt':
      return `${r.key}>${vals}`;
    case 'lt':
      return `${r.key}<${vals}`;
    default:
      return `${r.key}${r.op}${vals}`;
  }
}

/** labels.Parse. Throws SelectorError with upstream's message. The empty string selects everything. */
export function parseSelector(text: string): LabelSelector {
  const reqs = new Parser(lex(text)).parse();
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    matches: (labels) => reqs.every((r) => matchesRequirement(r, labels ?? {})),
    toString: () => reqs.map(requirementString).join(','),
    empty: () => reqs.length === 0,
  };
}

/** labels.ParseToRequirements: the requirements in key order (metav1.ParseToLabelSelector builds on them). */
export function parseRequirements(text: string): ReadonlyArray<{ readonly key: string; readonly op: string; readonly values: readonly string[] }> {
  return new Parser(lex(text)).parse().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A selector matching exactly the given map (labels.SelectorFromSet). */
export function selectorFromSet(set: Record<string, string>): LabelSelector {
  const keys = Object.keys(set).sort();
  return {
    matches: (labels) => keys.every((k) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === set[k]),
    toString: () => keys.map((k) => `${k}=${set[k]}`).join(','),
    empty: () => keys.length === 0,
  };
}

// ---- Field selectors ----

export interface FieldTerm {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  terms: FieldTerm[];
  /** Match an object given the kind's field accessors (metadata.name/namespace are always available). */
  matches(obj: KubeObject, fieldLabels: Record<string, (o: KubeObject) => string>): boolean;
  toString(): string;
  empty(): boolean;
}

function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.ParseSelector. Throws SelectorError with upstream's message. */
export function parseFieldSelector(text: string): FieldSelector {
  const parts = splitTerms(text).sort();
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    let found: { lhs: string; op: string; rhs: string } | undefined;
    outer: for (let i = 0; i < part.length; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          found = { lhs: part.slice(0, i), op, rhs: part.slice(i + op.length) };
          break outer;
        }
      }
    }
    if (!found) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    terms.push({ field: found.lhs, op: found.op === '!=' ? '!=' : '=', value: unescapeValue(found.rhs) });
  }
  return {
    terms,
    matches(obj, fieldLabels) {
      return terms.every((t) => {
        const get = fieldLabels[t.field] ?? defaultFieldLabels[t.field];
        const v = get ? get(obj) : '';
        return t.op === '=' ? v === t.value : v !== t.value;
      });
    },
    toString: () => terms.map((t) => `${t.field}${t.op}${escapeValue(t.value)}`).join(','),
    empty: () => terms.length === 0,
  };
}

/** Field labels every kind supports (DefaultMetaV1FieldSelectorConversion). */
export const defaultFieldLabels: Record<string, (o: KubeObject) => string> = {
  'metadata.name': (o) => o.metadata.name ?? '',
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/**
 * The apiserver's field label conversion for a kind: throws `field label not supported: <label>` for a
 * field the kind does not index. `supported` lists the kind's labels (including the metadata ones it accepts).
 */
export function checkFieldLabels(sel: FieldSelector, supported: readonly string[]): void {
  for (const t of sel.terms) {
    if (!supported.includes(t.field)) throw new SelectorError(`field label not supported: ${t.field}`);
  }
}
