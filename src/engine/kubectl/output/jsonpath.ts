/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): templates mixing text and `{...}` actions, with
 * fields, `[n]`, slices `[a:b:c]`, unions `[0,1]`, `[*]`, `..` recursive descent, filters `[?(@.x=="y")]`,
 * `range`/`end`, quoted text `{"\n"}`. Results print as kubectl prints them: scalars as text, maps and lists
 * as compact JSON, several results separated by spaces. Error messages are upstream's.
 */
import { goJson } from './json.ts';

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: Array<{ known: boolean; value: number }> }
  | { t: 'filter'; left: Node & { t: 'list' }; right: Node & { t: 'list' }; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: Array<Node & { t: 'list' }> }
  | { t: 'identifier'; name: string };

type ListNode = Node & { t: 'list' };

const newList = (): ListNode => ({ t: 'list', nodes: [] });

export class JsonPathError extends Error {}

function isTerminator(r: string): boolean {
  return r === '' || r === ' ' || r === '\t' || r === '\r' || r === '\n' || '.,[]$@{}'.includes(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === '_' || /[\p{L}\p{Nd}]/u.test(r);
}

/** Go's strconv.Unquote extended to single quotes (UnquoteExtend). */
function unquoteExtend(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1] || (s[0] !== '"' && s[0] !== "'")) throw new JsonPathError('invalid syntax');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (n in simple) out += simple[n];
    else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new JsonPathError('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else throw new JsonPathError('invalid syntax');
  }
  return out;
}

class Parser {
  root: ListNode = newList();
  private input = '';
  private pos = 0;
  private start = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = newList();
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string {
    if (this.pos >= this.input.length) return '';
    return this.input[this.pos++];
  }
  private peek(): string {
    return this.pos >= this.input.length ? '' : this.input[this.pos];
  }
  private backup(r: string): void {
    if (r !== '') this.pos--;
  }
  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const node = newList();
        cur.nodes.push(node);
        this.parseInsideAction(node);
        return;
      }
      if (this.next() === '') break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const r = this.next();
      if (r === '' || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consume();
        continue;
      }
      if (r === '[') return this.parseArray(cur);
      if (r === '"' || r === "'") return this.parseQuote(cur, r);
      if (r === '.') return this.parseField(cur);
      if (r === '+' || r === '-' || /\d/.test(r)) {
        this.backup(r);
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup(r);
        return this.parseIdentifier(cur);
      }
      const cp = r.codePointAt(0)!;
      throw new JsonPathError(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !/\d/.test(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: parseInt(value, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: parseFloat(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      for (const n of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(n);
      return this.parseInsideAction(cur);
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Array<{ known: boolean; value: number }> = [];
    for (let i = 0; i < 3; i++) {
      let v = parts[i];
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0 });
        else {
          const n = Number(v);
          if (!/^-?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ known: true, value: n });
        }
      } else if (i === 1) params.push({ known: true, value: params[0].value + 1 });
      else params.push({ known: false, value: 0 });
    }
    cur.nodes.push({ t: 'array', params });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consume();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: newList(), op: 'exists' });
    } else {
      cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
    }
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, endQ: string): void {
    for (;;) {
      const r = this.next();
      if (r === '' || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === endQ && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
    this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
        continue;
      }
      if (isTerminator(r)) {
        this.backup(r);
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
    this.parseInsideAction(cur);
  }
}

function parseAction(text: string): ListNode {
  const p = new Parser();
  const root = p.parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

/** A value found by a path: `missing` marks Go's invalid reflect.Value (nothing there). */
type V = unknown;

function isObj(v: V): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goTypeName(v: V): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObj(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** text/template's comparison helpers as jsonpath uses them (basic kinds: bool, int, float, string). */
function compare(op: string, l: V, r: V): boolean {
  const kind = (v: V) => (typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  const kl = kind(l);
  const kr = kind(r);
  if (kl === 'other' || kr === 'other') {
    if (op === '==' || op === '!=') {
      if (l === null || r === null) throw new JsonPathError('invalid type for comparison');
    }
    throw new JsonPathError('invalid type for comparison');
  }
  const numeric = (kl === 'int' || kl === 'float') && (kr === 'int' || kr === 'float');
  if (!numeric && kl !== kr) throw new JsonPathError('incompatible types for comparison');
  if (op === '==') return l === r;
  if (op === '!=') return l !== r;
  if (kl === 'bool') throw new JsonPathError('invalid type for comparison');
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

function children(v: V): V[] {
  if (Array.isArray(v)) return v;
  if (isObj(v)) return Object.keys(v).sort().map((k) => v[k]);
  // Go indexes a string by byte (uint8), so the children of a string are numbers.
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

export class JsonPath {
  private root: ListNode | undefined;
  private stack: V[][] = [];
  private cur: V[] = [];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  allowMissingKeys = true;
  /** jsonpath-as-json: results of each action print as an indented JSON array. */
  outputJson = false;

  constructor(readonly name = 'jsonpath') {}

  parse(text: string): void {
    this.root = new Parser().parse(text);
  }

  /** Execute against data; returns the printed text. Throws JsonPathError. */
  execute(data: V): string {
    if (!this.root) throw new JsonPathError(`${this.name} is an incomplete jsonpath template`);
    this.stack = [];
    this.beginRange = this.inRange = this.endRange = 0;
    const full = this.findResults(data, this.root.nodes);
    return full.map((r) => this.printResults(r)).join('');
  }

  /** FindResults: the raw result groups, one per top-level action (after range expansion). */
  findAll(data: V): V[][] {
    if (!this.root) throw new JsonPathError(`${this.name} is an incomplete jsonpath template`);
    this.stack = [];
    this.beginRange = this.inRange = this.endRange = 0;
    return this.findResults(data, this.root.nodes);
  }

  private findResults(data: V, nodes: Node[]): V[][] {
    this.cur = [data];
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(this.cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        for (let k = 0; k < results.length; k++) {
          if (k === results.length - 1) this.inRange--;
          full.push(...this.findResults(results[k], nodes.slice(i + 1)));
        }
        break;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: V[]): string {
    if (this.outputJson) results = [results];
    let out = '';
    results.forEach((r, i) => {
      let text: string;
      if (this.outputJson) text = goJson(r, '    ') + '\n';
      else if (Array.isArray(r) || isObj(r)) text = goJson(r);
      else if (r === null || r === undefined) text = 'null';
      else if (typeof r === 'number') text = formatNumber(r);
      else text = String(r);
      if (i !== results.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private walk(value: V[], node: Node): V[] {
    switch (node.t) {
      case 'list': {
        let cur = value;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.name);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
      case 'float':
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return value.filter((v) => v !== null && v !== undefined).flatMap(children);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(value, l));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalIdentifier(input: V[], name: string): V[] {
    if (name === 'range') {
      this.stack.push(this.cur);
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.endRange < this.inRange) {
        this.endRange++;
        return [];
      }
      const top = this.stack.pop();
      if (top === undefined) throw new JsonPathError('not in range, nothing to end');
      this.cur = top;
      return [];
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: V[], name: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isObj(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: V[], p: Array<{ known: boolean; value: number }>): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let a = p[0].known ? p[0].value : 0;
      if (a < 0) a += len;
      let b = p[1].known ? p[1].value : len;
      if (b < 0) b += len;
      if (b !== a) {
        if (a >= len) throw new JsonPathError(`array index out of bounds: index ${a}, length ${len}`);
        if (b > len) throw new JsonPathError(`array index out of bounds: index ${b - 1}, length ${len}`);
      }
      if (a < 0 || b < a) throw new JsonPathError(`slice bounds out of range [${a}:${b}]`);
      const slice = v.slice(a, b);
      if (p[2].known) {
        const step = p[2].value;
        if (step <= 0) throw new JsonPathError(`slice bounds out of range [::${step}]`);
        for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
      } else result.push(...slice);
    }
    return result;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: V[], node: Extract<Node, { t: 'filter' }>): V[] {
    const results: V[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goPrint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const temp = [item];
        let lefts: V[];
        let leftErr: unknown;
        try {
          lefts = this.walk(temp, node.left);
        } catch (e) {
          lefts = [];
          leftErr = e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length !== 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk(temp, node.right);
        if (rights.length !== 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.op, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Go's %v for float64: shortest representation, exponent form for large/small magnitudes.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

/** Go's %v (fmt.Sprint) for a decoded JSON value: `map[a:b]`, `[x y]`, `<nil>`. */
export function goPrint(v: V): string {
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint(v[k])}`).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** Go's %#v for a decoded JSON value, as in jsonpath's debugging error text. */
export function goSyntax(v: V): string {
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (isObj(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goSyntax(v[k])}`).join(', ')}}`;
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** Parse a template; throws JsonPathError with the parser's message. */
export function parseJsonPath(template: string, name = 'out'): JsonPath {
  const j = new JsonPath(name);
  j.parse(template);
  return j;
}
