import { describe, expect, it } from 'vitest';
import { AttemptRecords, type SchedulingAttempt } from './record.ts';

const attempt = (name: string, uid = `uid-${name}`): SchedulingAttempt => ({
  namespace: 'default',
  name,
  uid,
  atMs: 0,
  time: '',
  attempt: 1,
  numAllNodes: 0,
  numNodesToFind: 0,
  evaluatedNodes: 0,
  feasibleNodes: 0,
  filtered: [],
  outcome: 'Scheduled',
});

describe('AttemptRecords', () => {
  it('keeps the last attempt per pod, dropping the least recently recorded pods beyond the bound', () => {
    const r = new AttemptRecords(3);
    for (const n of ['a', 'b', 'c']) r.put(attempt(n));
    r.put(attempt('a')); // a is now the newest
    r.delete('uid-b');
    r.put(attempt('d'));
    r.put(attempt('e')); // over the bound: c (the oldest left) goes
    expect(['a', 'b', 'c', 'd', 'e'].filter((n) => r.get('default', n))).toEqual(['a', 'd', 'e']);
    r.put(attempt('f')); // then a
    expect(['a', 'd', 'e', 'f'].filter((n) => r.get('default', n))).toEqual(['d', 'e', 'f']);
    expect(r.size).toBe(3);
  });

  it('stays bounded over many pods', () => {
    const r = new AttemptRecords(100);
    for (let i = 0; i < 10_000; i++) r.put(attempt(`p${i}`));
    expect(r.size).toBe(100);
    expect(r.get('default', 'p9999')).toBeDefined();
    expect(r.get('default', 'p9899')).toBeUndefined();
    expect(r.get('default', 'p9900')).toBeDefined();
  });
});
