/**
 * π to a number of significant digits, as Math::BigFloat's bpi(N) prints it: N digits in all ("3." and N-1
 * decimals), correctly rounded. Computed exactly with BigInt (Machin's formula, π = 16·atan(1/5) − 4·atan(1/239))
 * on guard digits, so the result is deterministic and the same on every engine.
 */

/** atan(1/x) scaled by `one` (a power of ten), by its Taylor series on integers. */
function atanInv(x: bigint, one: bigint): bigint {
  const x2 = x * x;
  let term = one / x;
  let sum = term;
  let sign = -1n;
  for (let n = 3n; term !== 0n; n += 2n) {
    term /= x2;
    sum += (sign * term) / n;
    sign = -sign;
  }
  return sum;
}

const cache = new Map<number, string>();

/** π rounded to `digits` significant digits (digits ≥ 1), as a decimal string. */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.floor(digits));
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const guard = 12;
  const one = 10n ** BigInt(n - 1 + guard);
  const pi = 16n * atanInv(5n, one) - 4n * atanInv(239n, one);
  // Keep n significant digits (one before the point), rounding half up on the guard digits.
  const scale = 10n ** BigInt(guard);
  let kept = pi / scale;
  if ((pi % scale) * 2n >= scale) kept += 1n;
  const s = kept.toString();
  const out = n === 1 ? s : `${s[0]}.${s.slice(1)}`;
  cache.set(n, out);
  return out;
}
