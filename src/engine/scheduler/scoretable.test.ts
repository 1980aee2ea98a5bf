import { describe, expect, it } from 'vitest';
import { NodeTable } from './nodetable.ts';
import { acquireBuffer, scoreLayout, ScoreTable } from './scoretable.ts';
import { makeNode } from './testing/builders.ts';

const layout = scoreLayout([
  { name: 'A', weight: 3, normalizes: true, skipped: false },
  { name: 'B', weight: 2, normalizes: false, skipped: true },
  { name: 'C', weight: 1, normalizes: false, skipped: false },
]);

function table(names: readonly string[]): ScoreTable {
  // Row 0: node indices 2, 0; A normalised, A raw, C.
  const rows = [[2, 0], [100, 40], [7, 3], [55, 60]];
  const buf = acquireBuffer(layout.rows * 2);
  rows.flat().forEach((x, k) => (buf[k] = x));
  return new ScoreTable(names, 2, buf, layout);
}

describe('ScoreTable', () => {
  it('lays out rows: node indices, then each non-skipped plugin (raw after normalised)', () => {
    expect(layout.rows).toBe(4);
    expect(layout.plugins.map((p) => [p.plugin, p.scoreRow, p.rawRow])).toEqual([
      ['A', 1, 2],
      ['B', -1, -1],
      ['C', 3, -2],
    ]);
  });

  it('reads as the arrays the records held before', () => {
    const t = table(['n0', 'n1', 'n2']);
    expect(t.nodes).toEqual(['n2', 'n0']);
    expect(t.plugins).toEqual([
      { plugin: 'A', weight: 3, scores: [100, 40], raw: [7, 3], skipped: false },
      { plugin: 'B', weight: 2, scores: [0, 0], raw: [0, 0], skipped: true },
      { plugin: 'C', weight: 1, scores: [55, 60], raw: undefined, skipped: false },
    ]);
    expect(t.totals).toEqual([355, 180]);
  });

  it('a released table cannot be read', () => {
    const t = table(['n0', 'n1', 'n2']);
    t.release();
    expect(() => t.nodes).toThrow('scheduling record read after it was dropped');
  });

  it('keeps naming the nodes it scored after the node table removes one', () => {
    const nt = new NodeTable();
    for (const n of ['n0', 'n1', 'n2']) nt.setNode(makeNode(n).obj());
    const t = table(nt.names);
    nt.removeNode('n0');
    expect(nt.names.slice(0, nt.count)).toEqual(['n2', 'n1']);
    expect(t.nodes).toEqual(['n2', 'n0']);
  });
});
