// A protocol buffers wire-format reader: varints, fixed 32/64-bit values and length-delimited fields.

export class WireError extends Error {}

export interface WireField {
  num: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: number;
  /** Varint value (wire 0), as a bigint when it does not fit a safe integer. */
  int?: number | bigint;
  /** Length-delimited bytes (wire 2) or the 8/4 raw bytes of fixed fields. */
  bytes?: Uint8Array;
}

/** The fields of one message, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  const varint = (): number | bigint => {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new WireError('unexpected EOF');
      const b = buf[pos++];
      if (i < 7) n += (b & 0x7f) * mul;
      else return bigVarint(buf, pos - i - 1, (p) => (pos = p));
      if (b < 0x80) return n;
      mul *= 128;
    }
    throw new WireError('integer overflow');
  };
  while (pos < buf.length) {
    const key = varint();
    if (typeof key !== 'number') throw new WireError('illegal tag');
    const num = Math.floor(key / 8);
    const wire = key % 8;
    if (num <= 0) throw new WireError(`illegal tag ${num} (wire type ${wire})`);
    if (wire === 0) out.push({ num, wire, int: varint() });
    else if (wire === 2) {
      const len = varint();
      if (typeof len !== 'number' || pos + len > buf.length) throw new WireError('unexpected EOF');
      out.push({ num, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      if (pos + len > buf.length) throw new WireError('unexpected EOF');
      out.push({ num, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else throw new WireError(`illegal wireType ${wire}`);
  }
  return out;
}

function bigVarint(buf: Uint8Array, start: number, setPos: (p: number) => void): bigint {
  let n = 0n;
  let shift = 0n;
  for (let p = start; p < buf.length && p < start + 10; p++) {
    n |= BigInt(buf[p] & 0x7f) << shift;
    shift += 7n;
    if (buf[p] < 0x80) {
      setPos(p + 1);
      return n;
    }
  }
  throw new WireError('unexpected EOF');
}

/** A varint as the signed 64-bit integer Go's int64/int32 fields hold (two's complement), as a number. */
export function signed(v: number | bigint): number {
  if (typeof v === 'number') return v;
  return Number(BigInt.asIntN(64, v));
}

/** The varints of a packed repeated field. */
export function readPacked(bytes: Uint8Array): Array<number | bigint> {
  const out: Array<number | bigint> = [];
  // A packed field is a run of varints: read it as field 1 varints by prefixing nothing — decode directly.
  let pos = 0;
  while (pos < bytes.length) {
    let n = 0;
    let mul = 1;
    let big: bigint | undefined;
    for (let i = 0; ; i++) {
      if (pos >= bytes.length || i >= 10) throw new WireError('unexpected EOF');
      const b = bytes[pos++];
      if (i === 7 && big === undefined) big = BigInt(n);
      if (big !== undefined) big |= BigInt(b & 0x7f) << BigInt(7 * i);
      else n += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) break;
    }
    out.push(big ?? n);
  }
  return out;
}
