/**
 * Seeded pseudo-random numbers (sfc32). The engine never calls Math.random: every random choice (uids,
 * generated name suffixes, jitter) comes from one of these, so a seed reproduces a run exactly.
 */
export class Rng {
  /** sfc32 state a, b, c, d as 32-bit words (typed storage keeps the hot loop free of heap numbers). */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    this.s[0] = 0x9e3779b9;
    this.s[1] = 0x243f6a88;
    this.s[2] = 0xb7e15162;
    this.s[3] = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /**
   * Run `fn` with every draw taken from `other`'s stream instead of this one; afterwards both streams continue
   * where they were. Lets an add-on create objects (each needs a uid) without shifting everyone else's draws.
   */
  drawFrom<T>(other: Rng, fn: () => T): T {
    const saved = this.s.slice();
    this.s.set(other.s);
    try {
      return fn();
    } finally {
      other.s.set(this.s);
      this.s.set(saved);
    }
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    let c = s[2];
    const d = (s[3] + 1) | 0;
    let t = (a + b) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    t = (t + d) | 0;
    s[2] = (c + t) | 0;
    s[3] = d;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A random string over the alphabet apimachinery uses for generated names (no vowels, no 0/1/3). */
  string(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    // One flat string: `s +=` would leave a rope of n pieces alive for as long as the name is stored.
    return String.fromCharCode(...codes);
  }

  /** A version-4 style UUID. */
  uuid(): string {
    const hex = '0123456789abcdef';
    const codes = UUID_CODES;
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) codes[i] = 45; // '-'
      else if (i === 14) codes[i] = 52; // '4'
      else if (i === 19) codes[i] = hex.charCodeAt(8 + this.int(4));
      else codes[i] = hex.charCodeAt(this.int(16));
    }
    // One flat string (see `string`): uids are stored on every object and event.
    return String.fromCharCode(...codes);
  }
}

/** The character codes of the uuid being built (shared: `uuid` is not re-entrant, and fills all 36 each time). */
const UUID_CODES = new Array<number>(36).fill(0);
