import { goJson } from '../json.ts';
import { JsonPathError, type ListNode, type Node } from './nodes.ts';
import { Parser } from './parser.ts';
import { children, compare, formatNumber, goPrint, goTypeName, isObj, type V } from './values.ts';

/** client-go util/jsonpath/jsonpath.go: a parsed template run against decoded JSON, printed as kubectl prints it. */
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
