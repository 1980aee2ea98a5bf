/** v1.ResourceAttachableVolumesPrefix and volumeutil's CSIAttachLimitPrefix. */
export const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';
const CSI_PREFIX = 'csi-';
/** ResourceNameLengthLimit. */
const NAME_LIMIT = 63;

/**
 * GetCSIAttachLimitKey: `attachable-volumes-csi-<driver>`; a driver name too long for a resource name is cut to
 * 23 characters plus 16 hex digits of its SHA-1 — and then, as upstream does, without the
 * `attachable-volumes-` prefix.
 */
export function csiAttachLimitKey(driver: string): string {
  if (ATTACHABLE_VOLUMES_PREFIX.length + CSI_PREFIX.length + driver.length >= NAME_LIMIT) {
    return CSI_PREFIX + driver.slice(0, 23) + sha1Hex(driver).slice(0, 16);
  }
  return ATTACHABLE_VOLUMES_PREFIX + CSI_PREFIX + driver;
}

/** SHA-1 of a UTF-8 string, as hex (FIPS 180-4). Only long driver names need it. */
export function sha1Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const len = bytes.length;
  const words = new Uint32Array((((len + 8) >> 6) + 1) * 16);
  for (let i = 0; i < len; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
  words[words.length - 1] = len * 8;
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let off = 0; off < words.length; off += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[off + t];
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const tmp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = tmp;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  return [h0, h1, h2, h3, h4].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}
