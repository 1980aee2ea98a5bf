import { describe, expect, it } from 'vitest';
import { sortedOrder } from './chainorder.ts';
import { servicePortChainNameBase, servicePortEndpointChainNameBase } from './names.ts';

function naive(names: string[]): number[] {
  return names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

describe('sortedOrder (chain names in string order)', () => {
  it.each([
    { name: 'empty', names: [], want: [], duplicates: false },
    {
      name: 'fixed chains among service-port chains',
      names: ['KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-POSTROUTING', 'KUBE-SEP-SXIVWICOYRO3J4NJ', 'KUBE-MARK-MASQ', 'KUBE-EXT-XPGD46QRK7WJZT7O', 'KUBE-FW-XPGD46QRK7WJZT7O'],
      want: [4, 5, 3, 1, 2, 0],
      duplicates: false,
    },
    // "2"…"7" sort before letters, though they come last in the base32 alphabet.
    { name: 'digits before letters', names: ['KUBE-SEP-AAAAAAAAAAAAAAAA', 'KUBE-SEP-7AAAAAAAAAAAAAAA', 'KUBE-SEP-2ZZZZZZZZZZZZZZZ'], want: [2, 1, 0], duplicates: false },
    // Same kind and first six hash characters: decided by the rest of the name.
    { name: 'shared key prefix', names: ['KUBE-SEP-ABCDEFZZZZZZZZZZ', 'KUBE-SEP-ABCDEFAAAAAAAAAA', 'KUBE-SEP-ABCDEF2AAAAAAAAA'], want: [2, 1, 0], duplicates: false },
    { name: 'a chain declared twice keeps index order', names: ['KUBE-SVC-B', 'KUBE-SEP-ABCDEFGHIJKLMNOP', 'KUBE-SVC-A', 'KUBE-SEP-ABCDEFGHIJKLMNOP'], want: [1, 3, 2, 0], duplicates: true },
    { name: 'short or odd names go through the string path', names: ['KUBE-SEP-abc', 'KUBE-SEP-', 'KUBE-SVCX-AAAAAAAAAAAAAAAA', 'KUBE-SEP-AAAAAAAAAAAAAAAA'], want: [1, 3, 0, 2], duplicates: false },
  ])('$name', ({ names, want, duplicates }) => {
    const got = sortedOrder(names);
    expect(got.order).toEqual(want);
    expect(got.order).toEqual(naive(names));
    expect(got.duplicates).toBe(duplicates);
  });

  it('matches a plain sort on real chain names, with collisions and repeats', () => {
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const svc = `ns${i % 17}/svc-${i}:http`;
      names.push(`KUBE-SVC-${servicePortChainNameBase(svc, 'tcp')}`, `KUBE-SEP-${servicePortEndpointChainNameBase(svc, 'tcp', `10.0.${i & 255}.${i >> 8}:80`)}`);
      if (i % 100 === 0) names.push('KUBE-MARK-MASQ', `KUBE-FW-${servicePortChainNameBase(svc, 'tcp')}`);
      // Names sharing their first six hash characters.
      if (i % 50 === 0) names.push(`KUBE-SEP-QQQQQQ${B32[i % 32]}AAAAAAAAA`);
    }
    names.push(names[5], names[10]);
    const got = sortedOrder(names);
    expect(got.order).toEqual(naive(names));
    expect(got.duplicates).toBe(true);
  });
});
