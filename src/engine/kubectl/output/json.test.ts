// goJson: Go encoding/json output (escapes, float forms, MarshalIndent layout, map vs struct key order).
import { describe, expect, it } from 'vitest';
import { goJson, printJson } from './json.ts';

describe('goJson', () => {
  it.each([
    ['html characters escaped', { a: '<b>&' }, undefined, '{"a":"\\u003cb\\u003e\\u0026"}'],
    ['control characters', 'a\u0001\b\f', undefined, '"a\\u0001\\b\\f"'],
    ['line separators', '\u2028\u2029', undefined, '"\\u2028\\u2029"'],
    ['large float uses a two-digit exponent', 1e21, undefined, '1e+21'],
    ['small float uses a two-digit exponent', 1e-7, undefined, '1e-07'],
    ['keys sorted as for a map', { b: 1, a: 2 }, undefined, '{"a":2,"b":1}'],
    ['undefined members dropped', { a: undefined, b: null }, undefined, '{"b":null}'],
    ['indent keeps empty containers inline', { m: {}, l: [], x: [1] }, '  ', '{\n  "l": [],\n  "m": {},\n  "x": [\n    1\n  ]\n}'],
  ])('%s', (_n, v, indent, want) => {
    expect(goJson(v, indent)).toBe(want);
  });

  it('struct order when asked (typed objects)', () => {
    expect(printJson({ kind: 'Pod', apiVersion: 'v1' }, { sortKeys: false })).toBe('{\n    "kind": "Pod",\n    "apiVersion": "v1"\n}\n');
  });
});
