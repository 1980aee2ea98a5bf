/**
 * `kubectl explain`'s default printer (explain/v2, the OpenAPI v3 `plaintext` template), evaluated directly
 * over an OpenAPI v3 document: the same traversal of `$ref`/`allOf`/`items`/`additionalProperties`, the
 * same type guesses (`<[]Container>`, `<map[string]string>`, `<Object>`), enum lines, `-required-` marks,
 * cycle detection, and the word wrapping kubectl applies (go-wordwrap at 76/78 columns, then indented).
 */
import { KubectlError } from '../errors.ts';

export interface Schema {
  $ref?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  externalDocs?: { description?: string; url?: string };
  'x-kubernetes-group-version-kind'?: Gvk[];
  [k: string]: unknown;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface OpenApiDoc {
  components: { schemas: Record<string, Schema> };
}

type History = Record<string, true>;

function resolveRef(ref: string | undefined, doc: OpenApiDoc): Schema | undefined {
  if (!ref || !ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const k of ref.slice(2).split('/')) {
    if (k === '') continue;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Schema) : undefined;
}

const objectOf = (s: Schema | boolean | undefined): Schema | undefined => (s && typeof s === 'object' ? s : undefined);

/** Go's unicode.IsSpace, less U+00A0 (go-wordwrap keeps no-break spaces inside words). */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u1680' || (c >= '\u2000' && c <= '\u200a') || c === '\u2028' || c === '\u2029' || c === '\u202f' || c === '\u205f' || c === '\u3000';
}

/** github.com/mitchellh/go-wordwrap v1.0.1 WrapString: breaks only at whitespace, keeps existing newlines. */
export function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const c of s) {
    if (c === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= lim) buf += space;
      } else {
        buf += space + word;
      }
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      buf += c;
      current = 0;
    } else if (isSpace(c)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += c;
      spaceLen++;
    } else {
      word += c;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

/** The template's `wrap` in kubectl 1.32: word-wrap, keeping the description's own newlines. */
export function wrap(lim: number, s: string): string {
  return wordWrap(s, lim);
}

/** The template's `indent`: pad the first line and every line after a newline. */
export function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', '\n' + pad);
}

export function typeGuess(s: Schema, doc: OpenApiDoc): string {
  if (s.items) return `[]${typeGuess(s.items, doc)}`;
  const ap = objectOf(s.additionalProperties);
  if (ap) return `map[string]${typeGuess(ap, doc)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0], doc);
  if (s.$ref) {
    const target = resolveRef(s.$ref, doc);
    if (!target || !target.type || target.type === 'object') {
      const name = s.$ref.split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return target.type;
  }
  return s.type === 'object' ? 'Object' : s.type || 'Object';
}

function enumText(e: unknown): string {
  return e === '' ? '""' : typeof e === 'string' ? e : JSON.stringify(e);
}

function extractEnum(s: Schema, longView: boolean, limit: number, indentAmount = 0): string {
  if (!s.enum || s.enum.length === 0) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (let i = 0; i < s.enum.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    out += enumText(s.enum[i]);
  }
  return out;
}

function description(s: Schema, doc: OpenApiDoc): string {
  const r = resolveRef(s.$ref, doc) ?? s;
  let out = r.description ? `${r.description}\n` : '';
  for (const a of r.allOf ?? []) out += description(a, doc);
  if (r.items) out += description(r.items, doc);
  const ap = objectOf(r.additionalProperties);
  if (ap) out += description(ap, doc);
  return out;
}

function externalDocs(s: Schema): string {
  const d = s.externalDocs;
  if (!d) return '';
  let out = 'EXTERNAL DOCS:\n';
  if (d.description) out += `${indent(4, wrap(76, d.description))}\n`;
  if (d.url) out += `${indent(4, `URL: ${d.url}`)}\n`;
  return out;
}

function fieldDetail(name: string, parent: Schema, short: boolean, level: number, doc: OpenApiDoc): string {
  const n = level * 2;
  const f = parent.properties![name];
  let out = `${indent(n, name)}\t<${typeGuess(f, doc)}>`;
  if (parent.required?.includes(name)) out += ' -required-';
  out += extractEnum(f, false, 4, n);
  out += '\n';
  if (!short) {
    out += `${indent(n + 2, wrap(78 - n, f.description || '<no description>'))}\n`;
    if (f.externalDocs) {
      out += `${indent(n + 2, 'EXTERNAL DOCS:')}\n`;
      if (f.externalDocs.description) out += `${indent(n + 4, wrap(76 - n, f.externalDocs.description))}\n`;
      if (f.externalDocs.url) out += `${indent(n + 4, `URL: ${f.externalDocs.url}`)}\n`;
    }
    out += '\n';
  }
  return out;
}

function fieldList(s: Schema, level: number, history: History, recursive: boolean, doc: OpenApiDoc): string {
  const ref = s.$ref ?? '';
  if (ref && history[ref]) return '';
  const next: History = { ...history, [ref]: true };
  const r = resolveRef(ref, doc) ?? s;
  let out = '';
  for (const k of Object.keys(r.properties ?? {}).sort()) {
    out += fieldDetail(k, r, recursive, level, doc);
    if (recursive) out += fieldList(r.properties![k], level + 1, next, recursive, doc);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, next, recursive, doc);
  if (r.items) out += fieldList(r.items, level, next, recursive, doc);
  const ap = objectOf(r.additionalProperties);
  if (ap) out += fieldList(ap, level, next, recursive, doc);
  return out;
}

function output(s: Schema, history: History, path: string[], recursive: boolean, doc: OpenApiDoc): string {
  const ref = s.$ref ?? '';
  const next: History = { ...history, [ref]: true };
  const r = resolveRef(ref, doc) ?? s;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrap(76, description(r, doc) || '<empty>'))}\n`;
    const ext = externalDocs(r);
    if (ext) out += `\n${ext}`;
    const fields = fieldList(r, 1, {}, recursive, doc);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history[ref]) return '';
  const sub = r.properties?.[path[0]];
  if (sub) {
    let out = '';
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub, doc)}>\n${extractEnum(sub, true, -1)}\n\n`;
    return out + output(sub, {}, path.slice(1), recursive, doc);
  }
  if (r.items) return output(r.items, next, path, recursive, doc);
  const ap = objectOf(r.additionalProperties);
  if (ap) return output(ap, next, path, recursive, doc);
  for (const a of r.allOf ?? []) {
    const out = output(a, next, path, recursive, doc);
    if (out) return out;
  }
  return '';
}

/** A template failure after the header was written: kubectl has already printed `printed` to stdout. */
export class ExplainError extends KubectlError {
  constructor(
    message: string,
    readonly printed: string,
  ) {
    super(message);
  }
}

function sameGvk(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

/** The whole explain text for a kind and a field path (`['spec', 'containers']`). Throws kubectl's errors. */
export function explain(doc: OpenApiDoc, gvk: Gvk, fieldPath: string[], recursive: boolean): string {
  let out = gvk.group ? `GROUP:      ${gvk.group}\n` : '';
  out += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const names = Object.keys(doc.components.schemas).sort();
  const name = names.find((n) => (doc.components.schemas[n]['x-kubernetes-group-version-kind'] ?? []).some((g) => sameGvk(g, gvk)));
  if (name === undefined) throw new ExplainError(`GVK map[group:${gvk.group} kind:${gvk.kind} version:${gvk.version}] not found in OpenAPI schema`, out);
  const body = output(doc.components.schemas[name], {}, fieldPath, recursive, doc);
  if (!body) throw new ExplainError(`field "${fieldPath[fieldPath.length - 1]}" does not exist`, out);
  return `${out}${body}\n`;
}
