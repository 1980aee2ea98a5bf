import { describe, expect, it } from 'vitest';
import { deepEqual } from './equal.ts';

describe('deepEqual', () => {
  const cases: Array<{ name: string; a: unknown; b: unknown; want: boolean }> = [
    { name: 'same primitives', a: 1, b: 1, want: true },
    { name: 'different primitives', a: 1, b: '1', want: false },
    { name: 'key order ignored', a: { x: 1, y: [1, { z: 2 }] }, b: { y: [1, { z: 2 }], x: 1 }, want: true },
    { name: 'undefined members ignored', a: { x: 1, y: undefined }, b: { x: 1 }, want: true },
    { name: 'missing key', a: { x: 1, y: 2 }, b: { x: 1 }, want: false },
    { name: 'array vs object', a: [1], b: { 0: 1 }, want: false },
    { name: 'array length', a: [1, 2], b: [1], want: false },
    { name: 'null vs object', a: null, b: {}, want: false },
    { name: 'nested difference', a: { s: { c: [{ n: 'a' }] } }, b: { s: { c: [{ n: 'b' }] } }, want: false },
  ];
  for (const tc of cases) it(tc.name, () => expect(deepEqual(tc.a, tc.b)).toBe(tc.want));
});
