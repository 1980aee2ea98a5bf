/** One Score plugin's view of the scored nodes (same order as `ScoreTable.nodes`). */
export interface PluginScores {
  plugin: string;
  weight: number;
  /** Normalised scores in [0, 100]; all zero when the plugin skipped (see `skipped`). */
  scores: ArrayLike<number>;
  /** Scores before NormalizeScore; absent when the plugin does not normalise (raw = normalised). */
  raw?: ArrayLike<number>;
  skipped: boolean;
}

/** Where one Score plugin's rows sit in a table's buffer: row numbers, −1 for a row of zeros, −2 for none. */
export interface ScoreRowLayout {
  plugin: string;
  weight: number;
  skipped: boolean;
  scoreRow: number;
  rawRow: number;
}

/** The rows of one attempt's buffer: row 0 holds node indices, then the plugins' rows. Shared by attempts. */
export interface ScoreLayout {
  plugins: readonly ScoreRowLayout[];
  rows: number;
}

const ZEROS = -1;
const NONE = -2;

/** Build the layout for a list of Score plugins and which of them skipped. */
export function scoreLayout(plugins: ReadonlyArray<{ name: string; weight: number; normalizes: boolean; skipped: boolean }>): ScoreLayout {
  let rows = 1;
  const out: ScoreRowLayout[] = plugins.map((p) => {
    if (p.skipped) return { plugin: p.name, weight: p.weight, skipped: true, scoreRow: ZEROS, rawRow: ZEROS };
    const scoreRow = rows++;
    const rawRow = p.normalizes ? rows++ : NONE;
    return { plugin: p.name, weight: p.weight, skipped: false, scoreRow, rawRow };
  });
  return { plugins: out, rows };
}

/**
 * Released buffers by power-of-two capacity. Records hold the scores of the last 2,000 attempts: allocating
 * them afresh for every attempt promotes megabytes a second into the old generation, where they die.
 */
const pool = new Map<number, Int32Array[]>();
const POOL_PER_SIZE = 256;

function capacityFor(len: number): number {
  let c = 64;
  while (c < len) c *= 2;
  return c;
}

export function acquireBuffer(len: number): Int32Array {
  const cap = capacityFor(len);
  return pool.get(cap)?.pop() ?? new Int32Array(cap);
}

function releaseBuffer(buf: Int32Array): void {
  let list = pool.get(buf.length);
  if (!list) pool.set(buf.length, (list = []));
  if (list.length < POOL_PER_SIZE) list.push(buf);
}

/**
 * The scores of one attempt, compact: one pooled Int32Array holds the scored nodes (as indices into the node
 * table's name list as it stood, which the table never rewrites in place) and every plugin's rows; totals
 * are recomputed (Σ weight × score, integers as the cycle summed them). The arrays-shaped getters build fresh
 * arrays for readers. A table dropped from the records gives its buffer back and must not be read again.
 */
export class ScoreTable {
  private buf: Int32Array | undefined;

  constructor(
    private readonly names: readonly string[],
    /** Number of scored nodes. */
    readonly size: number,
    buf: Int32Array,
    readonly layout: ScoreLayout,
  ) {
    this.buf = buf;
  }

  private data(): Int32Array {
    if (!this.buf) throw new Error('scheduling record read after it was dropped');
    return this.buf;
  }

  node(j: number): string {
    return this.names[this.data()[j]];
  }

  score(k: number, j: number): number {
    const r = this.layout.plugins[k].scoreRow;
    return r < 0 ? 0 : this.data()[r * this.size + j];
  }

  /** The plugin's score before NormalizeScore (its score when it does not normalise). */
  raw(k: number, j: number): number {
    const r = this.layout.plugins[k].rawRow;
    if (r === NONE) return this.score(k, j);
    return r < 0 ? 0 : this.data()[r * this.size + j];
  }

  total(j: number): number {
    let t = 0;
    const ps = this.layout.plugins;
    for (let k = 0; k < ps.length; k++) t += this.score(k, j) * ps[k].weight;
    return t;
  }

  get nodes(): string[] {
    return Array.from({ length: this.size }, (_, j) => this.node(j));
  }

  get plugins(): PluginScores[] {
    return this.layout.plugins.map((p, k) => ({
      plugin: p.plugin,
      weight: p.weight,
      scores: Array.from({ length: this.size }, (_, j) => this.score(k, j)),
      raw: p.rawRow === NONE ? undefined : Array.from({ length: this.size }, (_, j) => this.raw(k, j)),
      skipped: p.skipped,
    }));
  }

  get totals(): number[] {
    return Array.from({ length: this.size }, (_, j) => this.total(j));
  }

  /** Give the buffer back to the pool (the record was dropped). */
  release(): void {
    if (this.buf) releaseBuffer(this.buf);
    this.buf = undefined;
  }
}
