import { describe, expect, it } from 'vitest';
import { parseQuantity, quantityFormatError, quantitySuffixError } from './quantity.ts';

// Inputs from apimachinery's quantity_test.go (TestQuantityParse, TestQuantityParseEmit, TestQuantityString);
// wants are the String() of the upstream expected Quantity.
const canonical: Array<[string, string, string]> = [
  ['0', '0', 'DecimalSI'],
  ['0n', '0', 'DecimalSI'],
  ['0Ki', '0', 'BinarySI'],
  ['0Ti', '0', 'BinarySI'],
  ['1', '1', 'DecimalSI'],
  ['1Ki', '1Ki', 'BinarySI'],
  ['8Ki', '8Ki', 'BinarySI'],
  ['7Mi', '7Mi', 'BinarySI'],
  ['6Gi', '6Gi', 'BinarySI'],
  ['5Ti', '5Ti', 'BinarySI'],
  ['4Pi', '4Pi', 'BinarySI'],
  ['3Ei', '3Ei', 'BinarySI'],
  ['100Ti', '100Ti', 'BinarySI'],
  ['5n', '5n', 'DecimalSI'],
  ['4u', '4u', 'DecimalSI'],
  ['3m', '3m', 'DecimalSI'],
  ['8k', '8k', 'DecimalSI'],
  ['50k', '50k', 'DecimalSI'],
  ['300T', '300T', 'DecimalSI'],
  ['2P', '2P', 'DecimalSI'],
  ['1E', '1E', 'DecimalSI'],
  ['12E', '12E', 'DecimalSI'],
  ['1E-3', '1e-3', 'DecimalExponent'],
  ['1e3', '1e3', 'DecimalExponent'],
  ['1E6', '1e6', 'DecimalExponent'],
  ['1E18', '1e18', 'DecimalExponent'],
  ['1e14', '100e12', 'DecimalExponent'],
  ['1e13', '10e12', 'DecimalExponent'],
  ['100.035k', '100035', 'DecimalSI'],
  ['0.001', '1m', 'DecimalSI'],
  ['0.0005k', '500m', 'DecimalSI'],
  ['0.05', '50m', 'DecimalSI'],
  ['0.5', '500m', 'DecimalSI'],
  ['0.50000', '500m', 'DecimalSI'],
  ['0.5e0', '500e-3', 'DecimalExponent'],
  ['0.5e-2', '5e-3', 'DecimalExponent'],
  ['10.035M', '10035k', 'DecimalSI'],
  ['1.2e3', '1200', 'DecimalExponent'],
  ['1.3E+6', '1300e3', 'DecimalExponent'],
  ['1.7E18', '1700e15', 'DecimalExponent'],
  ['9.01', '9010m', 'DecimalSI'],
  ['8.1k', '8100', 'DecimalSI'],
  ['6.987654321G', '6987654321', 'DecimalSI'],
  ['5.444T', '5444G', 'DecimalSI'],
  ['2.5P', '2500T', 'DecimalSI'],
  ['1.01E', '1010P', 'DecimalSI'],
  // Things that saturate/round
  ['3.001n', '4n', 'DecimalSI'],
  ['1.1E-9', '2e-9', 'DecimalExponent'],
  ['0.0000000001', '1n', 'DecimalSI'],
  ['0.5e-9', '1e-9', 'DecimalExponent'],
  ['0.9n', '1n', 'DecimalSI'],
  ['0.00000012345', '124n', 'DecimalSI'],
  ['9Ei', '9223372036854775807', 'BinarySI'],
  ['9223372036854775807Ki', '9223372036854775807', 'BinarySI'],
  // Fractional binary
  ['100.035Ki', '102435840m', 'BinarySI'],
  ['0.5Mi', '512Ki', 'BinarySI'],
  ['0.05Gi', '53687091200m', 'BinarySI'],
  // Written by trolls
  ['0.000000000001Ki', '2n', 'DecimalSI'],
  ['.001', '1m', 'DecimalSI'],
  ['.0001k', '100m', 'DecimalSI'],
  ['1.', '1', 'DecimalSI'],
  ['1.G', '1G', 'DecimalSI'],
  // TestQuantityParseEmit
  ['1024Mi', '1Gi', 'BinarySI'],
  ['1000M', '1G', 'DecimalSI'],
  ['.001Ki', '1024m', 'BinarySI'],
  ['.000001Ki', '1024u', 'DecimalSI'],
  ['.000000001Ki', '1024n', 'DecimalSI'],
  // TestQuantityString alternates
  ['307200Ki', '300Mi', 'BinarySI'],
  ['1025024Mi', '1001Gi', 'BinarySI'],
  ['0.001T', '1G', 'DecimalSI'],
  ['1.08', '1080m', 'DecimalSI'],
  ['1080000000n', '1080m', 'DecimalSI'],
  ['1000u', '1m', 'DecimalSI'],
  ['1000e-12', '1e-9', 'DecimalExponent'],
  ['0.001e0', '1e-3', 'DecimalExponent'],
  ['1025', '1025', 'DecimalSI'],
  // The apiserver's everyday cases
  ['0.3', '300m', 'DecimalSI'],
  ['1.5Gi', '1536Mi', 'BinarySI'],
  ['1000', '1k', 'DecimalSI'],
  ['128974848', '128974848', 'DecimalSI'],
  ['129e6', '129e6', 'DecimalExponent'],
  ['123Mi', '123Mi', 'BinarySI'],
];

describe('parseQuantity canonical form (quantity_test.go)', () => {
  it.each(canonical)('%s → %s', (input, want, format) => {
    const q = parseQuantity(input);
    expect(q.canonical).toBe(want);
    expect(q.format).toBe(format);
  });
  it.each(canonical.filter(([, w]) => w !== '0'))('-%s → -%s', (input, want) => {
    expect(parseQuantity('-' + input).canonical).toBe('-' + want);
    expect(parseQuantity('+' + input).canonical).toBe(want);
  });
});

describe('parseQuantity errors (quantity_test.go invalid table)', () => {
  const cases: Array<[string, string]> = [
    ['', quantityFormatError],
    ['1.1.M', quantityFormatError],
    ['1+1.0M', quantityFormatError],
    ['0.1mi', quantitySuffixError],
    ['0.1am', quantityFormatError],
    ['aoeu', quantityFormatError],
    ['.5i', quantitySuffixError],
    ['1i', quantitySuffixError],
    ['-3.01i', quantitySuffixError],
    ['-3.01e-', quantitySuffixError],
    [' 1', quantityFormatError],
    ['1 ', quantityFormatError],
    ['Non-Numeric', quantityFormatError],
  ];
  it.each(cases)('%j fails with %s', (input, msg) => {
    expect(() => parseQuantity(input)).toThrow(msg);
  });
  it('reports the regular expression text exactly', () => {
    expect(quantityFormatError).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('Value and MilliValue round up', () => {
  const cases: Array<[string, number, number]> = [
    ['300m', 1, 300],
    ['1', 1, 1000],
    ['1.5', 2, 1500],
    ['1Ki', 1024, 1024000],
    ['1n', 1, 1],
    ['2Gi', 2147483648, 2147483648000],
  ];
  it.each(cases)('%s', (input, value, milli) => {
    const q = parseQuantity(input);
    expect(q.value).toBe(value);
    expect(q.milliValue).toBe(milli);
  });
  it('accepts JSON numbers', () => {
    expect(parseQuantity(0.5).canonical).toBe('500m');
    expect(parseQuantity(2).canonical).toBe('2');
  });
});
