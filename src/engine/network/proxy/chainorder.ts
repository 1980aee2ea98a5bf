/**
 * Sorting a node's chain names (100,000 and more in a large cluster) in string order, fast.
 *
 * Almost all of them are service-port chains, "KUBE-" + kind + "-" + 16 base32 characters; those are sorted
 * through numeric keys (the kind's rank and the first six hash characters, with the name's index in the low
 * bits) in a Float64Array, which sorts natively, and only names sharing a key are compared as strings. Every
 * other name is sorted as a string and merged in. The result is exactly `names.slice().sort()`, stable.
 */

/** The service-port chain kinds, in the string order of "KIND-" (none is a prefix of another). */
const KINDS = ['KUBE-EXT-', 'KUBE-FW-', 'KUBE-SEP-', 'KUBE-SVC-', 'KUBE-SVL-'];
const HASH_CHARS = 6;
const MAX_INDEX_BITS = 20;

/** A base32 character's rank in string order ("2"…"7" sort before "A"…"Z"), or -1. */
function rank(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 6;
  if (c >= 0x32 && c <= 0x37) return c - 0x32;
  return -1;
}

function kindOf(name: string): number {
  if (name.length < 9 + HASH_CHARS || !name.startsWith('KUBE-')) return -1;
  switch (name.charCodeAt(5)) {
    case 0x45: // E
      return name.startsWith('EXT-', 5) ? 0 : -1;
    case 0x46: // F
      return name.startsWith('FW-', 5) ? 1 : -1;
    case 0x53: // S
      return name.startsWith('SEP-', 5) ? 2 : name.startsWith('SVC-', 5) ? 3 : name.startsWith('SVL-', 5) ? 4 : -1;
    default:
      return -1;
  }
}

/** The key of a service-port chain name without its index, or -1 for any other name. */
function prefixKey(name: string): number {
  const kind = kindOf(name);
  if (kind < 0) return -1;
  let h = kind;
  for (let i = KINDS[kind].length, end = i + HASH_CHARS; i < end; i++) {
    const r = rank(name.charCodeAt(i));
    if (r < 0) return -1;
    h = h * 32 + r;
  }
  return h;
}

function byName(names: readonly string[]): (a: number, b: number) => number {
  return (a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0);
}

export interface Order {
  /** Indices of the names in ascending string order (equal names in index order). */
  order: number[];
  /** Whether some name occurs more than once. */
  duplicates: boolean;
}

function hasDuplicates(names: readonly string[], order: readonly number[], from = 0, to = order.length): boolean {
  for (let j = from + 1; j < to; j++) if (names[order[j]] === names[order[j - 1]]) return true;
  return false;
}

/** `names` in ascending string order, as indices. */
export function sortedOrder(names: readonly string[]): Order {
  const n = names.length;
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (bits > MAX_INDEX_BITS) {
    const order = names.map((_, i) => i).sort(byName(names));
    return { order, duplicates: hasDuplicates(names, order) };
  }
  const scale = 2 ** bits;
  const keys = new Float64Array(n);
  let k = 0;
  const others: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = prefixKey(names[i]);
    if (h < 0) others.push(i);
    else keys[k++] = h * scale + i;
  }
  const sorted = keys.subarray(0, k).sort();
  const chains: number[] = new Array<number>(k);
  for (let j = 0; j < k; j++) chains[j] = sorted[j] % scale;
  // Names sharing kind and first hash characters: order the run by the whole name. Only these (and the other
  // names) can be equal.
  let duplicates = false;
  for (let j = 0; j < k; ) {
    const h = Math.floor(sorted[j] / scale);
    let end = j + 1;
    while (end < k && Math.floor(sorted[end] / scale) === h) end++;
    if (end - j > 1) {
      const run = chains.slice(j, end).sort(byName(names));
      for (let r = 0; r < run.length; r++) chains[j + r] = run[r];
      duplicates ||= hasDuplicates(names, run);
    }
    j = end;
  }
  if (others.length === 0) return { order: chains, duplicates };
  others.sort(byName(names));
  duplicates ||= hasDuplicates(names, others);
  const out: number[] = [];
  let a = 0;
  let b = 0;
  while (a < chains.length && b < others.length) {
    const x = chains[a];
    const y = others[b];
    // On equal names the lower index comes first (stable).
    if (names[y] < names[x] || (names[y] === names[x] && y < x)) {
      out.push(y);
      b++;
    } else {
      out.push(x);
      a++;
    }
  }
  while (a < chains.length) out.push(chains[a++]);
  while (b < others.length) out.push(others[b++]);
  return { order: out, duplicates };
}
