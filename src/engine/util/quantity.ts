/**
 * resource.Quantity: parsing and canonical form as the apiserver stores quantities.
 *
 * Values are held exactly as BigInt nano-units (value × 10^9), so `0.3` → `300m`, `1.5Gi` → `1536Mi`,
 * `1000` → `1k`, `1e3` stays `1e3`. Precision finer than 1n rounds up (away from zero), as upstream.
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
export const quantityNumericError = 'unable to parse numeric part of quantity';

export class QuantityError extends Error {}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const NANO = 1_000_000_000n;
/** BinarySI quantities are capped at 2^63-1 (resource.maxAllowed). */
const MAX_ALLOWED_NANO = (2n ** 63n - 1n) * NANO;

/** a / b rounded away from zero (inf.RoundUp). */
function roundUpDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (a % b === 0n) return q;
  return (a < 0n) !== (b < 0n) ? q - 1n : q + 1n;
}

interface Split {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** The lexical split of parseQuantityString: sign, integer digits, fraction digits, suffix. */
function splitQuantity(str: string): Split {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i < end && (str[i] === '-' || str[i] === '+')) i++;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  if (i < end) throw new QuantityError(quantityFormatError);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exp: number; format: QuantityFormat } {
  if (suffix in decimalSuffixes) return { base: 10, exp: decimalSuffixes[suffix], format: 'DecimalSI' };
  if (suffix in binarySuffixes) return { base: 2, exp: binarySuffixes[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?\d+$/.test(suffix.slice(1))) {
    return { base: 10, exp: parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  throw new QuantityError(quantitySuffixError);
}

/** Parse a quantity as resource.ParseQuantity; throws QuantityError with upstream's message on bad input. */
export function parseQuantity(text: string | number): Quantity {
  const str = typeof text === 'number' ? numberText(text) : text;
  if (str.length === 0) throw new QuantityError(quantityFormatError);
  if (str === '0') return fromNano(0n, 'DecimalSI');
  const { positive, num, denom, suffix } = splitQuantity(str);
  const { base, exp, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;
  // value = (num.denom) × base^exp, as an exact fraction in nano-units, rounded up to 1n.
  let numer = BigInt(num + denom) * NANO;
  let den = 10n ** BigInt(denom.length);
  if (base === 2) numer *= 2n ** BigInt(exp);
  else if (exp >= 0) numer *= 10n ** BigInt(exp);
  else den *= 10n ** BigInt(-exp);
  let nano = roundUpDiv(numer, den);
  if (format === 'BinarySI' && nano > MAX_ALLOWED_NANO) nano = MAX_ALLOWED_NANO;
  // Fractions of one in a binary suffix print as decimal.
  if (format === 'BinarySI' && nano > 0n && nano < NANO) format = 'DecimalSI';
  if (!positive) nano = -nano;
  return fromNano(nano, format);
}

/** JSON numbers in manifests: integers print plainly; others as JavaScript prints them (e.g. `0.5`, `1e+21`). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(quantityFormatError);
  return String(n).replace('e+', 'e');
}

/** Build a quantity from nano-units in a given format (the format decides the canonical suffix family). */
export function fromNano(nano: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return {
    canonical: canonicalize(nano, format),
    value: Number(roundUpDiv(nano, NANO)),
    milliValue: Number(roundUpDiv(nano, 1_000_000n)),
    nano,
    format,
  };
}

/** Quantity.String(): CanonicalizeBytes. */
function canonicalize(nano: bigint, format: QuantityFormat): string {
  if (nano === 0n) return '0';
  const neg = nano < 0n;
  const abs = neg ? -nano : nano;
  const sign = neg ? '-' : '';
  let fmt = format;
  if (fmt === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) fmt = 'DecimalSI';
  if (fmt === 'BinarySI') {
    let m = abs / NANO;
    let e = 0;
    while (m % 1024n === 0n && e < 60) {
      m /= 1024n;
      e += 10;
    }
    const suffix = Object.entries(binarySuffixes).find(([, v]) => v === e)?.[0] ?? '';
    return sign + m.toString() + suffix;
  }
  // Decimal: mantissa × 10^e with e a multiple of 3 and the mantissa as small as stays integral.
  let m = abs;
  let e = -9;
  while (m % 1000n === 0n && (fmt === 'DecimalExponent' || e < 18)) {
    m /= 1000n;
    e += 3;
  }
  if (fmt === 'DecimalExponent') return sign + m.toString() + (e === 0 ? '' : `e${e}`);
  const suffix = Object.entries(decimalSuffixes).find(([, v]) => v === e)?.[0] ?? '';
  return sign + m.toString() + suffix;
}

/** Canonical text of a quantity given as text or number; throws QuantityError on bad input. */
export function canonicalQuantity(text: string | number): string {
  return parseQuantity(text).canonical;
}

/** Compare two quantities (text or parsed): negative, zero or positive. */
export function compareQuantities(a: string | Quantity, b: string | Quantity): number {
  const x = typeof a === 'string' ? parseQuantity(a).nano : a.nano;
  const y = typeof b === 'string' ? parseQuantity(b).nano : b.nano;
  return x < y ? -1 : x > y ? 1 : 0;
}
