// A strict DER reader in the manner of Go's golang.org/x/crypto/cryptobyte: definite, minimally encoded
// lengths, single-byte tags. Each read returns undefined when the input does not hold what was asked.

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  context: (n: number, constructed: boolean) => 0x80 | (constructed ? 0x20 : 0) | n,
};

export interface Element {
  tag: number;
  /** Contents (without tag and length). */
  body: Uint8Array;
  /** The whole element, tag and length included. */
  full: Uint8Array;
}

export class Der {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  empty(): boolean {
    return this.pos >= this.buf.length;
  }

  /** The next element whatever its tag, or undefined when malformed or absent. */
  peekTag(): number | undefined {
    return this.pos < this.buf.length ? this.buf[this.pos] : undefined;
  }

  readAny(): Element | undefined {
    const b = this.buf;
    let p = this.pos;
    if (p + 2 > b.length) return undefined;
    const tag = b[p++];
    if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers are not used by the structures read here
    let len = b[p++];
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || p + n > b.length) return undefined;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[p++];
      // Minimal encoding: no leading zero byte, and the long form only for 128 and above.
      if (len < 128 || (n > 1 && b[p - n] === 0)) return undefined;
    }
    if (p + len > b.length) return undefined;
    const el = { tag, body: b.subarray(p, p + len), full: b.subarray(this.pos, p + len) };
    this.pos = p + len;
    return el;
  }

  /** The next element when it has the given tag. */
  read(tag: number): Element | undefined {
    const save = this.pos;
    const el = this.readAny();
    if (!el || el.tag !== tag) {
      this.pos = save;
      return undefined;
    }
    return el;
  }

  /** An optional element: absent (undefined value, ok) when the next tag differs; ok false when malformed. */
  readOptional(tag: number): { ok: boolean; el?: Element } {
    if (this.peekTag() !== tag) return { ok: true };
    const el = this.read(tag);
    return el ? { ok: true, el } : { ok: false };
  }

  /** A DER INTEGER as a bigint (two's complement, minimally encoded). */
  readInteger(): bigint | undefined {
    const el = this.read(TAG.INTEGER);
    return el ? integerValue(el.body) : undefined;
  }

  /** A BIT STRING's bytes (padding bits must be zero and at most 7). */
  readBitString(): Uint8Array | undefined {
    const el = this.read(TAG.BIT_STRING);
    if (!el || el.body.length === 0) return undefined;
    const pad = el.body[0];
    if (pad > 7 || (el.body.length === 1 && pad > 0)) return undefined;
    if (pad > 0 && (el.body[el.body.length - 1] & ((1 << pad) - 1)) !== 0) return undefined;
    return el.body.subarray(1);
  }
}

/** The value of INTEGER contents, or undefined when empty or not minimally encoded. */
export function integerValue(body: Uint8Array): bigint | undefined {
  if (body.length === 0) return undefined;
  if (body.length > 1 && ((body[0] === 0 && !(body[1] & 0x80)) || (body[0] === 0xff && body[1] & 0x80))) return undefined;
  let v = 0n;
  for (const x of body) v = (v << 8n) | BigInt(x);
  if (body[0] & 0x80) v -= 1n << BigInt(8 * body.length);
  return v;
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
