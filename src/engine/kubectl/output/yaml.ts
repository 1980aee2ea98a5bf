import { goJsonString } from './json.ts';

/**
 * YAML and JSON exactly as kubectl prints them.
 *
 * YAML: kubectl converts the object to JSON and then to YAML with sigs.k8s.io/yaml, i.e. go-yaml v2's
 * encoder: map keys sorted, sequences not indented under their key, two-space indent, no line wrapping,
 * and go-yaml's scalar style choice (plain when the text would read back as the same string, else single-
 * or double-quoted; multi-line strings as `|` literal blocks). The rules below follow go-yaml's
 * `resolve` (which plain strings would read back as another type) and `yaml_emitter_analyze_scalar`.
 *
 * JSON: Go's encoding/json MarshalIndent with four spaces: keys in object order (generators build objects
 * in Go struct field order), `<`, `>`, `&` escaped as \u003c etc.
 */
export function toYaml(value: unknown): string {
  const out: string[] = [];
  emitTop(value, out);
  return out.join('');
}

function emitTop(v: unknown, out: string[]): void {
  if (isMap(v)) {
    if (Object.keys(v).length === 0) out.push('{}\n');
    else emitMap(v, 0, out);
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.push('[]\n');
    else emitSeq(v, 0, out);
  } else {
    out.push(scalar(v, 0, false) + '\n');
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function definedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2's keyList.Less for string keys: a "natural" order where digit runs compare as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

/** A mapping at `indent`; the first line is written at the current position (caller wrote the indent or "- "). */
function emitMap(m: Record<string, unknown>, indent: number, out: string[], firstInline = false): void {
  const pad = ' '.repeat(indent);
  let first = true;
  for (const k of definedKeys(m)) {
    if (!(first && firstInline)) out.push(pad);
    first = false;
    out.push(scalar(k, indent, true) + ':');
    emitValue(m[k], indent, out, false);
  }
}

function emitSeq(s: unknown[], indent: number, out: string[], firstInline = false): void {
  const pad = ' '.repeat(indent);
  let first = true;
  for (const item of s) {
    if (!(first && firstInline)) out.push(pad);
    first = false;
    out.push('-');
    emitValue(item, indent, out, true);
  }
}

/** Emit the value after "key:" or "-"; `inSeq` tells which. */
function emitValue(v: unknown, indent: number, out: string[], inSeq: boolean): void {
  if (isMap(v)) {
    if (definedKeys(v).length === 0) out.push(' {}\n');
    else if (inSeq) {
      out.push(' ');
      emitMap(v, indent + 2, out, true);
    } else {
      out.push('\n');
      emitMap(v, indent + 2, out);
    }
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.push(' []\n');
    else if (inSeq) {
      out.push(' ');
      emitSeq(v, indent + 2, out, true);
    } else {
      out.push('\n');
      emitSeq(v, indent, out);
    }
  } else {
    out.push(' ' + scalar(v, indent + 2, false) + '\n');
  }
}

function scalar(v: unknown, indent: number, isKey: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return yamlString(String(v), indent, isKey);
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // Go's strconv.FormatFloat(f, 'g', -1, 64): exponent form for exp < -4 || exp >= 21, two-digit exponent.
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

// ---- go-yaml's resolve: would this plain text read back as something other than a string? ----

const resolveMap = new Set([
  '', '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE',
  '.nan', '.NaN', '.NAN',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint acceptance (underscores allowed only with a base prefix, as Go). */
function goParsesAsInt(s: string): boolean {
  return /^[-+]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO](_?[0-7])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/.test(s);
}

function resolvesToNonString(s: string): boolean {
  if (resolveMap.has(s)) return true;
  const c = s.charAt(0);
  if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) {
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain) || goParsesAsInt(s)) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (/^0b[01_]+$/.test(s.replace(/^[-+]/, ''))) return true;
    if (timestamp.test(s)) return true;
  }
  return false;
}

// ---- go-yaml's emitter analysis: which styles may this text use? ----

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  multiline: boolean;
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
}

function analyze(s: string): Analysis {
  if (s.length === 0) return { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false, multiline: false };
  let blockIndicators = false;
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  const chars = [...s];
  let precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWs = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':') && followedByWs) blockIndicators = true;
      else if (ch === '-' && followedByWs) blockIndicators = true;
    } else if (ch === ':' && followedByWs) blockIndicators = true;
    else if (ch === '#' && precededByWs) blockIndicators = true;
    if (!isPrintable(ch)) special = true;
    const last = i === chars.length - 1;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  const a: Analysis = { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true, multiline: lineBreaks };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

function yamlString(s: string, indent: number, isKey: boolean): string {
  const canUsePlain = !resolvesToNonString(s) && !base60Float.test(s);
  const a = analyze(s);
  if (s.includes('\n')) {
    if (a.blockAllowed && !isKey) return literal(s, indent);
    return doubleQuoted(s);
  }
  if (!canUsePlain) return doubleQuoted(s);
  if (a.blockPlainAllowed && !(s.length === 0 && isKey)) return s;
  if (a.singleQuotedAllowed) return `'${s.replace(/'/g, "''")}'`;
  return doubleQuoted(s);
}

function literal(s: string, indent: number): string {
  let head = '|';
  if (s[0] === ' ' || s[0] === '\n') head += '2';
  if (!s.endsWith('\n')) head += '-';
  else if (s.length === 1 || s[s.length - 2] === '\n') head += '+';
  const pad = ' '.repeat(indent);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const lines = body.split('\n').map((l) => (l.length > 0 ? pad + l : ''));
  return `${head}\n${lines.join('\n')}`;
}

function doubleQuoted(s: string): string {
  let r = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': r += '\\"'; break;
      case '\\': r += '\\\\'; break;
      case '\n': r += '\\n'; break;
      case '\t': r += '\\t'; break;
      case '\r': r += '\\r'; break;
      case '\0': r += '\\0'; break;
      case '\x07': r += '\\a'; break;
      case '\b': r += '\\b'; break;
      case '\v': r += '\\v'; break;
      case '\f': r += '\\f'; break;
      case '\x1b': r += '\\e'; break;
      case '\u0085': r += '\\N'; break;
      case '\u00a0': r += '\\_'; break;
      case '\u2028': r += '\\L'; break;
      case '\u2029': r += '\\P'; break;
      default:
        if (isPrintable(ch)) r += ch;
        else if (c <= 0xff) r += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
        else if (c <= 0xffff) r += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else r += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
    }
  }
  return r + '"';
}

/** JSON as kubectl prints it: Go's json.MarshalIndent with four spaces, keys in object order, trailing newline. */
export function toJson(value: unknown): string {
  return goJson(value, '') + '\n';
}

function goJson(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? formatJsonNumber(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + goJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  const m = v as Record<string, unknown>;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${goJson(m[k], inner)}`).join(',\n')}\n${indent}}`;
}

function formatJsonNumber(n: number): string {
  // Go: float64 uses 'f' formatting unless the exponent is < -6 or >= 21, then 'e' with a 2-digit exponent.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

export { goJsonString };
