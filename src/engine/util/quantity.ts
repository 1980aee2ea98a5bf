/**
 * resource.Quantity: parsing and canonical form as the apiserver stores quantities.
 *
 * Values are held exactly as BigInt nano-units (value × 10^9), so `0.3` → `300m`, `1.5Gi` → `1536Mi`,
 * `1000` → `1k`, `1e3` stays `1e3`. Precision finer than 1n rounds up, as upstream.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Canonical text, e.g. `300m`, `1Gi`. */
  canonical: string;
  /** Value rounded up to an integer (Quantity.Value()). */
  value: number;
  /** Value × 1000 rounded up (Quantity.MilliValue()). */
  milliValue: number;
  /** Exact value in nano-units. */
  nano: bigint;
  format: QuantityFormat;
}

export const quantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const quantitySuffixError = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const NANO = 1_000_000_000n;

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** Parse a quantity; throws QuantityError with upstream's message on bad input. */
export function parseQuantity(text: string | number): Quantity {
  const str = typeof text === 'number' ? String(text) : text;
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(str);
  if (!m || str.length === 0) throw new QuantityError(quantityFormatError);
  const numText = m[1];
  const suffix = m[2];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(numText)) throw new QuantityError(quantityFormatError);
  let format: QuantityFormat;
  let base: 2 | 10;
  let exp: number;
  if (suffix in binarySuffixes) {
    format = 'BinarySI';
    base = 2;
    exp = binarySuffixes[suffix];
  } else if (suffix in decimalSuffixes) {
    format = 'DecimalSI';
    base = 10;
    exp = decimalSuffixes[suffix];
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    base = 10;
    exp = parseInt(suffix.slice(1), 10);
  } else {
    throw new QuantityError(quantitySuffixError);
  }
  const negative = numText.startsWith('-');
  const unsigned = numText.replace(/^[+-]/, '');
  const [intPart, fracPart = ''] = unsigned.split('.');
  // value = digits × 10^-fracLen × base^exp, computed as an exact fraction num/den in nano-units.
  let num = BigInt((intPart || '0') + fracPart) * NANO;
  let den = 10n ** BigInt(fracPart.length);
  if (base === 2) num *= 2n ** BigInt(exp);
  else if (exp >= 0) num *= 10n ** BigInt(exp);
  else den *= 10n ** BigInt(-exp);
  let nano = ceilDiv(num, den);
  if (negative) nano = -nano;
  return fromNano(nano, format);
}

/** Build a quantity from nano-units in a given format (the format decides the canonical suffix family). */
export function fromNano(nano: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return {
    canonical: canonicalize(nano, format),
    value: Number(ceilDiv(nano, NANO)),
    milliValue: Number(ceilDiv(nano, 1_000_000n)),
    nano,
    format,
  };
}

function canonicalize(nano: bigint, format: QuantityFormat): string {
  if (nano === 0n) return '0';
  const neg = nano < 0n;
  const abs = neg ? -nano : nano;
  const sign = neg ? '-' : '';
  if (format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let m = abs / NANO;
    let e = 0;
    while (m % 1024n === 0n && e < 60) {
      m /= 1024n;
      e += 10;
    }
    const suffix = Object.entries(binarySuffixes).find(([, v]) => v === e)?.[0] ?? '';
    return sign + m.toString() + suffix;
  }
  let m = abs;
  let e = -9;
  while (m % 1000n === 0n && e < 18) {
    m /= 1000n;
    e += 3;
  }
  if (format === 'DecimalExponent') return sign + m.toString() + (e === 0 ? '' : `e${e}`);
  const suffix = Object.entries(decimalSuffixes).find(([, v]) => v === e)?.[0] ?? '';
  return sign + m.toString() + suffix;
}

/** Canonical text of a quantity given as text or number; throws QuantityError on bad input. */
export function canonicalQuantity(text: string | number): string {
  return parseQuantity(text).canonical;
}
