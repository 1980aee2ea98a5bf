/**
 * SHA-256 (FIPS 180-4) over UTF-8 text, in plain TypeScript so the engine runs unchanged in the browser.
 * kube-proxy names its chains from SHA-256 digests; this is the only use, on short strings.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const W = new Uint32Array(64);
const H = new Uint32Array(8);
let buf = new Uint8Array(128);
const encoder = new TextEncoder();

/** The message padded to whole 64-byte blocks (in a reused buffer; ASCII text is copied without encoding). */
function pad(text: string | Uint8Array): { bytes: Uint8Array; blocks: number } {
  let len = text.length;
  let ascii = typeof text === 'string';
  if (typeof text === 'string') {
    for (let i = 0; i < len; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
  }
  const msg = typeof text === 'string' ? (ascii ? undefined : encoder.encode(text)) : text;
  if (msg) len = msg.length;
  const size = ((len + 9 + 63) >> 6) << 6;
  if (buf.length < size) buf = new Uint8Array(size * 2);
  const bytes = buf;
  if (msg) bytes.set(msg);
  else for (let i = 0; i < len; i++) bytes[i] = (text as string).charCodeAt(i);
  bytes.fill(0, len, size);
  bytes[len] = 0x80;
  const bitLen = len * 8;
  const hi = Math.floor(bitLen / 0x100000000);
  const lo = bitLen >>> 0;
  bytes[size - 8] = hi >>> 24;
  bytes[size - 7] = (hi >>> 16) & 0xff;
  bytes[size - 6] = (hi >>> 8) & 0xff;
  bytes[size - 5] = hi & 0xff;
  bytes[size - 4] = lo >>> 24;
  bytes[size - 3] = (lo >>> 16) & 0xff;
  bytes[size - 2] = (lo >>> 8) & 0xff;
  bytes[size - 1] = lo & 0xff;
  return { bytes, blocks: size >> 6 };
}

/** The digest as eight big-endian words (in a reused array: copy what you keep). */
function digestWords(text: string | Uint8Array): Uint32Array {
  const { bytes, blocks } = pad(text);
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
  let h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
  for (let off = 0; off < blocks * 64; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      W[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15];
      const w2 = W[i - 2];
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  H[0] = h0; H[1] = h1; H[2] = h2; H[3] = h3; H[4] = h4; H[5] = h5; H[6] = h6; H[7] = h7;
  return H;
}

export function sha256(text: string | Uint8Array): Uint8Array {
  const h = digestWords(text);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = h[i];
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 0xff;
    out[i * 4 + 2] = (v >>> 8) & 0xff;
    out[i * 4 + 3] = v & 0xff;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with padding (Go's base32.StdEncoding). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

const B32_CODES = Array.from(B32, (c) => c.charCodeAt(0));

/**
 * `prefix` + the first 16 characters of base32(SHA-256(text)) as one flat string: kube-proxy's chain names
 * (16 base32 characters are the digest's first 80 bits).
 */
export function hashedName(prefix: string, text: string): string {
  const h = digestWords(text);
  const codes: number[] = [];
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
  // 80 bits: words 0 and 1 whole, the top 16 bits of word 2.
  const hi = h[0];
  const mid = h[1];
  const lo = h[2] >>> 16;
  for (let bit = 0; bit < 80; bit += 5) {
    let v: number;
    if (bit + 5 <= 32) v = (hi >>> (27 - bit)) & 31;
    else if (bit < 32) v = ((hi << (bit - 27)) | (mid >>> (59 - bit))) & 31;
    else if (bit + 5 <= 64) v = (mid >>> (59 - bit)) & 31;
    else if (bit < 64) v = ((mid << (bit - 59)) | (lo >>> (75 - bit))) & 31;
    else v = (lo >>> (75 - bit)) & 31;
    codes.push(B32_CODES[v]);
  }
  return String.fromCharCode(...codes);
}
