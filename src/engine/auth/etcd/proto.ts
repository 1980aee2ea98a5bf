// How kube-apiserver stores an object in etcd: the "k8s\0" magic, then runtime.Unknown{typeMeta, raw} with
// the object in protobuf (k8s.io/api generated.proto field numbers). Secrets and ConfigMaps are encoded field
// by field; other kinds carry ObjectMeta in protobuf and the rest as JSON (see SIMPLIFICATIONS.md).
import type { KubeObject } from '../../api/types.ts';

class Writer {
  readonly bytes: number[] = [];
  varint(n: number): void {
    let v = Math.max(0, Math.floor(n));
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }
  raw(field: number, data: number[]): void {
    this.tag(field, 2);
    this.varint(data.length);
    for (const b of data) this.bytes.push(b);
  }
  str(field: number, s: string | undefined, always = false): void {
    if (s === undefined || (s === '' && !always)) return;
    this.raw(field, utf8(s));
  }
  int(field: number, n: number | undefined): void {
    if (n === undefined) return;
    this.tag(field, 0);
    this.varint(n);
  }
  msg(field: number, build: (w: Writer) => void): void {
    const w = new Writer();
    build(w);
    this.raw(field, w.bytes);
  }
  /** A map<string, string|bytes>: one entry message per key, keys sorted (Go's generated marshaller sorts). */
  map(field: number, m: Record<string, string> | undefined, value: (v: string) => number[] = utf8): void {
    for (const k of Object.keys(m ?? {}).sort()) {
      this.msg(field, (e) => {
        e.raw(1, utf8(k));
        e.raw(2, value(m![k]));
      });
    }
  }
}

export function utf8(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}

function base64Bytes(s: string): number[] {
  try {
    return [...atob(s)].map((c) => c.charCodeAt(0));
  } catch {
    return utf8(s);
  }
}

function time(w: Writer, field: number, ts: string | undefined): void {
  if (!ts) return;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return;
  w.msg(field, (t) => t.int(1, Math.floor(ms / 1000)));
}

function objectMeta(w: Writer, m: KubeObject['metadata']): void {
  w.str(1, m.name);
  w.str(2, m.generateName);
  w.str(3, m.namespace);
  w.str(5, m.uid);
  w.str(6, m.resourceVersion);
  if (m.generation) w.int(7, m.generation);
  time(w, 8, m.creationTimestamp ?? undefined);
  time(w, 9, m.deletionTimestamp ?? undefined);
  w.map(11, m.labels ?? undefined);
  w.map(12, m.annotations ?? undefined);
  for (const f of m.finalizers ?? []) w.str(14, f, true);
}

/** The protobuf of the object itself. */
function objectBytes(obj: KubeObject): number[] {
  const w = new Writer();
  const meta = { ...obj.metadata, resourceVersion: undefined };
  w.msg(1, (m) => objectMeta(m, meta));
  const o = obj as unknown as Record<string, unknown>;
  if (obj.kind === 'Secret') {
    w.map(2, o.data as Record<string, string> | undefined, base64Bytes);
    w.str(3, o.type as string | undefined);
    if (o.immutable !== undefined) w.int(5, o.immutable ? 1 : 0);
  } else if (obj.kind === 'ConfigMap') {
    w.map(2, o.data as Record<string, string> | undefined);
    w.map(3, o.binaryData as Record<string, string> | undefined, base64Bytes);
    if (o.immutable !== undefined) w.int(4, o.immutable ? 1 : 0);
  } else {
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') rest[k] = v;
    if (Object.keys(rest).length > 0) w.raw(2, utf8(JSON.stringify(rest)));
  }
  return w.bytes;
}

/** The value kube-apiserver writes for `obj` (before any encryption). */
export function storageBytes(obj: KubeObject): number[] {
  const w = new Writer();
  w.msg(1, (t) => {
    t.str(1, obj.apiVersion);
    t.str(2, obj.kind);
  });
  w.raw(2, objectBytes(obj));
  w.str(3, '', true);
  w.str(4, '', true);
  return [...utf8('k8s'), 0, ...w.bytes];
}

/** Bytes as a terminal shows what etcdctl prints: printable ASCII and newlines as they are, the rest as '.'. */
export function readable(bytes: number[]): string {
  let s = '';
  for (const b of bytes) s += b === 10 || (b >= 32 && b < 127) ? String.fromCharCode(b) : '.';
  return s;
}

/** `hexdump -C`. */
export function hexdump(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.slice(i, i + 16);
    const hex = row.map((b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ').padEnd(23);
    const right = hex.slice(8).join(' ').padEnd(23);
    out += `${i.toString(16).padStart(8, '0')}  ${left}  ${right}  |${row.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}|\n`;
  }
  return out + `${bytes.length.toString(16).padStart(8, '0')}\n`;
}
