import { describe, expect, it } from 'vitest';
import type { LabRecord } from '../persistence/journal.ts';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, originQuery, sharedFromHash, shareUrl } from './codec.ts';

const rec: LabRecord = {
  version: 1,
  origin: { seed: 9, lesson: 'pods' },
  entries: [
    { at: 0, run: 'kubectl run web --image=nginx' },
    { at: 4200, file: 'app.yaml', text: 'kind: Pod\nmetadata: {name: "<script>alert(1)</script>"}\n' },
    { at: 4200, run: 'kubectl apply -f app.yaml' },
  ],
  end: 60_000,
};

describe('share codec', () => {
  it('round-trips a lab through a URL', () => {
    const url = shareUrl('https://lab.example/?step=2#x', rec);
    expect(url).toBeDefined();
    const u = new URL(url!);
    expect(u.search).toBe('?lesson=pods&seed=9');
    expect(sharedFromHash(u.hash)).toEqual({ record: rec });
  });

  const damaged: Array<{ name: string; hash: string }> = [
    { name: 'garbage', hash: '#lab=%%%' },
    { name: 'a truncated link', hash: `#lab=${encodeShare(rec)!.slice(0, 40)}` },
    { name: 'script instead of a log', hash: '#lab=javascript:alert(1)' },
  ];
  for (const tc of damaged) it(`flags ${tc.name} as invalid`, () => expect(sharedFromHash(tc.hash)).toEqual({ invalid: true }));

  it('ignores a hash without a lab', () => expect(sharedFromHash('#other=1')).toEqual({}));

  it('refuses labs too long for a link', () => {
    // Text that does not compress: a linear congruential generator's characters.
    let x = 1;
    const noise = Array.from({ length: 80_000 }, () => String.fromCharCode(33 + ((x = (x * 1103515245 + 12345) % 2147483648) >> 16) % 90)).join('');
    const big: LabRecord = { ...rec, entries: [{ at: 0, file: 'big', text: noise }] };
    expect(encodeShare(big)).toBeUndefined();
    expect(decodeShare('A'.repeat(MAX_SHARE_CHARS + 1))).toBeUndefined();
  });

  it('originQuery keeps unrelated parameters', () => {
    expect(originQuery('?theme=light&nodes=5&step=3', { origin: { nodes: 2 } })).toBe('?theme=light&nodes=2');
  });
});
