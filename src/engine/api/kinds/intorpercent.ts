import type { FieldError } from '../types.ts';
import { invalid } from '../validation/field.ts';

/** intstr.IntOrString as JSON carries it: a number or a string such as "25%". */
export type IntOrString = number | string;

/** Go's %#v of an intstr.IntOrString value, as field errors print it. */
export function intstrGoValue(v: IntOrString): string {
  return typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

/** getPercentValue: the number of a valid "N%" string. */
export function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** getIntOrPercentValue (an invalid string counts as 0, as IntValue() of a non-numeric string). */
export function intOrPercentValue(v: IntOrString | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const p = percentValue(v);
  if (p !== undefined) return p;
  return /^-?\d+$/.test(v) ? Number(v) : 0;
}

const percentMsg = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** apps validation ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: IntOrString, path: string): FieldError[] {
  if (typeof v === 'string') {
    return percentValue(v) === undefined ? [{ type: 'Invalid', field: path, value: intstrGoValue(v), rawValue: true, detail: percentMsg }] : [];
  }
  return v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/** apps validation IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrString, path: string): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [{ type: 'Invalid', field: path, value: intstrGoValue(v), rawValue: true, detail: 'must not be greater than 100%' }];
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, a percentage of `total` rounded up or down.
 * Returns undefined for a string that is not a percentage.
 */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number | undefined {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const p = percentValue(v);
  if (p === undefined) return undefined;
  const x = (p * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
