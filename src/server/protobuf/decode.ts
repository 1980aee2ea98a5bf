// Decoding `application/vnd.kubernetes.protobuf` request bodies into the JSON object the same request would
// have carried as JSON. The body is the apiserver's protobuf envelope (the 4 bytes "k8s\0", then a
// runtime.Unknown {typeMeta, raw, contentEncoding, contentType}) whose raw bytes are the typed message. The
// object is built as encoding/json writes the Go struct the apiserver decodes into: fields in struct order,
// zero values of non-omitempty fields present, omitempty zero values and nil pointers/slices/maps absent.
import type { FieldDesc, MessageTable } from './descriptors.ts';
import messages from './messages.json';
import { readFields, readPacked, signed, WireError, type WireField } from './wire.ts';

const table = messages as unknown as MessageTable;

/** runtime/serializer/protobuf's envelope prefix. */
export const PROTOBUF_MAGIC = [0x6b, 0x38, 0x73, 0x00];

export class ProtobufDecodeError extends Error {}

/** The message type for an apiVersion/kind ("apps/v1" + "Deployment" → "apps/v1.Deployment"), if built in. */
export function messageFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = group === '' ? 'core' : group.split('.')[0];
  const name = `${pkg}/${version}.${kind}`;
  return name in table ? name : undefined;
}

const utf8 = new TextDecoder('utf-8');
const str = (b: Uint8Array | undefined) => (b ? utf8.decode(b) : '');

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** metav1.Time as JSON (RFC 3339, seconds) or MicroTime (microseconds); the zero time is null. */
function timeOf(b: Uint8Array, micro: boolean): string | null {
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(b)) {
    if (f.num === 1 && f.int !== undefined) seconds = signed(f.int);
    if (f.num === 2 && f.int !== undefined) nanos = signed(f.int);
  }
  if (seconds === 0 && nanos === 0) return null;
  const d = new Date(seconds * 1000);
  const base = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

/** Go's time.Duration.String() of a nanosecond count. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = `${trimFrac(u / div)}${unit}`;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const s = `${trimFrac(u / 1e9)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFrac(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, '');
}

function intOrString(b: Uint8Array): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const f of readFields(b)) {
    if (f.num === 1 && f.int !== undefined) type = signed(f.int);
    else if (f.num === 2 && f.int !== undefined) intVal = signed(f.int) | 0;
    else if (f.num === 3) strVal = str(f.bytes);
  }
  return type === 1 ? strVal : intVal;
}

function rawJson(b: Uint8Array): unknown {
  for (const f of readFields(b)) {
    if (f.num === 1 && f.bytes && f.bytes.length) {
      try {
        return JSON.parse(str(f.bytes)) as unknown;
      } catch {
        throw new ProtobufDecodeError('invalid character in RawExtension');
      }
    }
  }
  return undefined;
}

/** One scalar or message value of descriptor type `t` from a wire field. */
function value(t: string, f: WireField): unknown {
  switch (t) {
    case 'string':
      return str(f.bytes);
    case 'bytes':
      return Buffer.from(f.bytes ?? new Uint8Array()).toString('base64');
    case 'int':
      return f.int === undefined ? 0 : signed(f.int);
    case 'bool':
      return f.int !== undefined && f.int !== 0;
    case 'double':
      return f.bytes && f.bytes.length === 8 ? Buffer.from(f.bytes).readDoubleLE(0) : 0;
    case '@time':
      return timeOf(f.bytes ?? new Uint8Array(), false);
    case '@microtime':
      return timeOf(f.bytes ?? new Uint8Array(), true);
    case '@quantity':
      return str(readFields(f.bytes ?? new Uint8Array()).find((x) => x.num === 1)?.bytes) || '0';
    case '@intstr':
      return intOrString(f.bytes ?? new Uint8Array());
    case '@duration': {
      const d = readFields(f.bytes ?? new Uint8Array()).find((x) => x.num === 1);
      return goDuration(d?.int === undefined ? 0 : signed(d.int));
    }
    case '@raw':
    case '@fieldsv1':
      return rawJson(f.bytes ?? new Uint8Array());
    default:
      return message(t, f.bytes ?? new Uint8Array());
  }
}

/** The JSON of a field the wire did not carry (the Go zero value), or undefined when encoding/json omits it. */
function zero(d: FieldDesc): unknown {
  if (d.p || d.r || d.m || d.t === 'bytes') return nilsAsNull && !d.o ? null : undefined;
  switch (d.t) {
    case 'string':
      return d.o ? undefined : '';
    case 'int':
    case 'double':
      return d.o ? undefined : 0;
    case 'bool':
      return d.o ? undefined : false;
    case '@time':
    case '@microtime':
      // A struct is never "empty" to encoding/json: the zero metav1.Time is written as null even with omitempty.
      return null;
    case '@raw':
    case '@fieldsv1':
      return undefined;
    case '@quantity':
      return '0';
    case '@intstr':
      return 0;
    case '@duration':
      return '0s';
    default:
      return message(d.t, new Uint8Array());
  }
}

/** Write nil pointers, slices and maps of non-omitempty fields as null (encoding/json of a zero value). */
let nilsAsNull = false;

const isZero = (v: unknown) => v === '' || v === 0 || v === false;

function message(type: string, bytes: Uint8Array): Record<string, unknown> {
  const fields = table[type];
  if (!fields) throw new ProtobufDecodeError(`no message type ${type}`);
  const wire = readFields(bytes);
  const out: Record<string, unknown> = {};
  for (const d of fields) {
    const mine = wire.filter((f) => f.num === d.n);
    let v: unknown;
    if (d.m) v = mapOf(d, mine) ?? zero(d);
    else if (d.r) v = repeated(d, mine) ?? zero(d);
    else if (mine.length) {
      v = value(d.t, mine[mine.length - 1]);
      if (d.o && !d.p && isZero(v) && d.t !== '@time' && d.t !== '@microtime') v = undefined;
    } else v = zero(d);
    if (v === undefined) continue;
    if (d.i && typeof v === 'object') Object.assign(out, v);
    else out[d.j] = v;
  }
  return out;
}

function repeated(d: FieldDesc, mine: WireField[]): unknown[] | undefined {
  if (!mine.length) return undefined;
  const out: unknown[] = [];
  for (const f of mine) {
    if (f.wire === 2 && (d.t === 'int' || d.t === 'bool')) {
      for (const x of readPacked(f.bytes ?? new Uint8Array())) out.push(d.t === 'bool' ? x !== 0 : signed(x));
    } else out.push(value(d.t, f));
  }
  return out;
}

function mapOf(d: FieldDesc, mine: WireField[]): Record<string, unknown> | undefined {
  if (!mine.length) return undefined;
  const [, vt] = d.m!;
  const out: Record<string, unknown> = {};
  for (const f of mine) {
    let key = '';
    let val: unknown;
    const vals: unknown[] = [];
    for (const e of readFields(f.bytes ?? new Uint8Array())) {
      if (e.num === 1) key = str(e.bytes);
      else if (e.num === 2) {
        if (vt.startsWith('[]')) {
          // map[string][]string is carried as a message wrapping the repeated strings (field 1 of each item).
          for (const item of readFields(e.bytes ?? new Uint8Array())) if (item.num === 1) vals.push(str(item.bytes));
        } else val = value(vt, e);
      }
    }
    if (vt.startsWith('[]')) out[key] = vals;
    else out[key] = val ?? zero({ j: '', n: 2, t: vt });
  }
  return out;
}

function startsWithMagic(b: Uint8Array): boolean {
  return b.length >= 4 && PROTOBUF_MAGIC.every((x, i) => b[i] === x);
}

/**
 * Decode a protobuf request body into `{apiVersion, kind, ...fields}`. Throws ProtobufDecodeError with the
 * apiserver's wording for a body that is not an envelope, and a kind that is not built in.
 */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  if (!startsWithMagic(body)) throw new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  try {
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array = new Uint8Array();
    for (const f of readFields(body.subarray(4))) {
      if (f.num === 1) {
        for (const t of readFields(f.bytes ?? new Uint8Array())) {
          if (t.num === 1) apiVersion = str(t.bytes);
          if (t.num === 2) kind = str(t.bytes);
        }
      } else if (f.num === 2 && f.bytes) raw = f.bytes;
    }
    if (!kind) throw new ProtobufDecodeError("Object 'Kind' is missing in protobuf message");
    const type = messageFor(apiVersion, kind);
    if (!type) throw new ProtobufDecodeError(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/runtime/scheme.go:110"`);
    return { kind, apiVersion, ...message(type, raw) };
  } catch (e) {
    if (e instanceof WireError) throw new ProtobufDecodeError(`proto: ${e.message}`);
    throw e;
  }
}

/** The JSON of a built-in type's Go zero value (what the apiserver compares a created object against). */
export function zeroObject(apiVersion: string, kind: string): Record<string, unknown> | undefined {
  const type = messageFor(apiVersion, kind);
  if (!type) return undefined;
  nilsAsNull = true;
  try {
    return { kind, apiVersion, ...message(type, new Uint8Array()) };
  } finally {
    nilsAsNull = false;
  }
}
