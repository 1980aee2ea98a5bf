import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { AllocationError, NodePortAllocator, ServiceIPAllocator } from './allocators.ts';
import { rangeOffset } from './range.ts';

// Follows pkg/registry/core/service/ipallocator/bitmap_test.go and portallocator/allocator_test.go.
describe('ServiceIPAllocator', () => {
  it.each([
    { name: 'network address', ip: '10.0.0.0', want: 'the provided IP (10.0.0.0) is not in the valid range. The range of valid IPs is 10.0.0.0/29' },
    { name: 'broadcast address', ip: '10.0.0.7', want: 'the provided IP (10.0.0.7) is not in the valid range. The range of valid IPs is 10.0.0.0/29' },
    { name: 'outside', ip: '192.168.1.1', want: 'the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.0.0.0/29' },
    { name: 'first host', ip: '10.0.0.1', want: '' },
    { name: 'last host', ip: '10.0.0.6', want: '' },
  ])('check $name', ({ ip, want }) => {
    const a = new ServiceIPAllocator('10.0.0.0/29');
    if (want) expect(() => a.check(ip, 'x')).toThrow(want);
    else expect(() => a.check(ip, 'x')).not.toThrow();
  });

  it('hands out every host address once, then reports the range full (TestAllocate)', () => {
    const a = new ServiceIPAllocator('10.0.0.0/29');
    const rng = new Rng(7);
    const got = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const ip = a.next(rng);
      expect(got.has(ip)).toBe(false);
      got.add(ip);
      a.claim(ip, `ns/s${i}`);
    }
    expect([...got].sort()).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(() => a.next(rng)).toThrow(new AllocationError('range is full', 'full'));
    a.release('10.0.0.3');
    expect(a.next(rng)).toBe('10.0.0.3');
  });

  it('collision: an address held by another owner is already allocated; the owner itself may keep it', () => {
    const a = new ServiceIPAllocator('10.96.0.0/12');
    a.claim('10.96.0.1', 'default/kubernetes');
    expect(() => a.check('10.96.0.1', 'default/other')).toThrow('provided IP is already allocated');
    expect(() => a.check('10.96.0.1', 'default/kubernetes')).not.toThrow();
  });

  it('dynamic allocation prefers the upper band (offset 256 for a /12) and skips reserved addresses', () => {
    const a = new ServiceIPAllocator('10.96.0.0/12', ['10.96.0.10']);
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const ip = a.next(rng);
      const [, , c] = ip.split('.').map(Number);
      expect(ip.startsWith('10.') && !(c === 0 && ip.split('.')[1] === '96')).toBe(true);
    }
    // A small range with the reserved address: exhaustion never hands it out.
    const s = new ServiceIPAllocator('10.0.0.0/29', ['10.0.0.2']);
    const got: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ip = s.next(rng);
      got.push(ip);
      s.claim(ip, `o${i}`);
    }
    expect(got).not.toContain('10.0.0.2');
    expect(() => s.next(rng)).toThrow('range is full');
    expect(() => s.check('10.0.0.2', 'dns')).not.toThrow();
  });
});

describe('NodePortAllocator', () => {
  it.each([
    { port: 29999, want: 'provided port is not in the valid range. The range of valid ports is 30000-32767' },
    { port: 32768, want: 'provided port is not in the valid range. The range of valid ports is 30000-32767' },
    { port: 30000, want: '' },
    { port: 32767, want: '' },
  ])('check $port', ({ port, want }) => {
    const a = new NodePortAllocator('30000-32767');
    if (want) expect(() => a.check(port, 'x')).toThrow(want);
    else expect(() => a.check(port, 'x')).not.toThrow();
  });

  it('random ports come from above the static band (offset 86 for 2768 ports)', () => {
    expect(rangeOffset(2768, 16, 128, 32)).toBe(86);
    expect(rangeOffset(1048574, 16, 256, 16)).toBe(256);
    const a = new NodePortAllocator('30000-32767');
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const p = a.next(rng);
      expect(p).toBeGreaterThanOrEqual(30086);
      a.claim(p, `o${i}`);
    }
    expect(a.used()).toBe(100);
  });

  it('exhaustion and release', () => {
    const a = new NodePortAllocator('30000-30003');
    const rng = new Rng(3);
    for (let i = 0; i < 4; i++) a.claim(a.next(rng), `o${i}`);
    expect(() => a.next(rng)).toThrow('range is full');
    a.release(30002, 'someone-else');
    expect(a.isAllocated(30002)).toBe(true);
    a.release(30002);
    expect(a.next(rng)).toBe(30002);
  });
});
