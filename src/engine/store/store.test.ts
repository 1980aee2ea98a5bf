import { describe, expect, it } from 'vitest';
import { clone, cloneReusing } from './store.ts';

describe('cloneReusing', () => {
  const prev = { a: { x: 1, y: [1, 2] }, b: { z: 'q' }, c: [{ k: 1 }, { k: 2 }] };
  const cases: Array<{ name: string; input: unknown; sharedPaths: string[]; freshPaths: string[] }> = [
    { name: 'equal value returns prev itself', input: clone(prev), sharedPaths: [''], freshPaths: [] },
    { name: 'changed leaf: fresh spine, shared siblings', input: { ...clone(prev), a: { x: 2, y: [1, 2] } }, sharedPaths: ['b', 'c', 'a.y'], freshPaths: ['', 'a'] },
    { name: 'changed array element: fresh array, shared equal elements', input: { ...clone(prev), c: [{ k: 1 }, { k: 3 }] }, sharedPaths: ['a', 'b', 'c.0'], freshPaths: ['', 'c', 'c.1'] },
    { name: 'extra key makes the object fresh', input: { ...clone(prev), d: 1 }, sharedPaths: ['a', 'b', 'c'], freshPaths: [''] },
    { name: 'missing key makes the object fresh', input: { a: clone(prev.a), b: clone(prev.b) }, sharedPaths: ['a', 'b'], freshPaths: [''] },
    { name: 'undefined values count as absent', input: { ...clone(prev), d: undefined }, sharedPaths: [''], freshPaths: [] },
  ];
  const at = (v: unknown, path: string): unknown => (path ? path.split('.').reduce((o: unknown, k) => (o as Record<string, unknown>)[k], v) : v);
  it.each(cases)('$name', ({ input, sharedPaths, freshPaths }) => {
    const out = cloneReusing(input, prev);
    expect(out).toEqual(clone(input));
    for (const p of sharedPaths) expect(at(out, p), `shared ${p}`).toBe(at(prev, p));
    for (const p of freshPaths) {
      expect(at(out, p), `fresh ${p}`).not.toBe(at(prev, p));
      expect(at(out, p), `not the input ${p}`).not.toBe(at(input, p));
    }
  });

  it('never aliases the input, so the caller may keep mutating it', () => {
    const input = { a: { x: 5 }, list: [{ v: 1 }] };
    const out = cloneReusing(input, { a: { x: 1 } });
    input.a.x = 6;
    input.list[0].v = 2;
    expect(out).toEqual({ a: { x: 5 }, list: [{ v: 1 }] });
  });

  it('drops undefined keys as clone does', () => {
    expect(cloneReusing({ a: 1, b: undefined }, undefined)).toEqual({ a: 1 });
    expect(Object.keys(cloneReusing({ a: 1, b: undefined }, { a: 2 }))).toEqual(['a']);
  });
});
