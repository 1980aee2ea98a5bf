import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { eventRows, eventsFor, rowAge } from './model.ts';

const t0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (s: number) => new Date(t0 + s * 1000).toISOString().replace('.000', '');

function ev(name: string, kind: string, obj: string, at: number, extra: Partial<Event> = {}): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind, name: obj, namespace: kind === 'Node' ? undefined : 'default', apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1' },
    reason: 'Scheduled',
    message: 'm',
    type: 'Normal',
    lastTimestamp: iso(at),
    ...extra,
  };
}

describe('eventRows', () => {
  const events = [ev('a', 'Pod', 'web-1', 10), ev('b', 'Deployment', 'web', 30, { type: 'Warning', reason: 'Failed' }), ev('c', 'Node', 'worker-1', 20)];
  it('newest first with kubectl object names', () => {
    expect(eventRows(events).map((r) => [r.object, r.type])).toEqual([
      ['deployment.apps/web', 'Warning'],
      ['node/worker-1', 'Normal'],
      ['pod/web-1', 'Normal'],
    ]);
  });
  it('every involved object is selectable', () => {
    expect(eventRows(events).map((r) => r.ref?.kind)).toEqual(['Deployment', 'Node', 'Pod']);
  });
  it('limits the list', () => expect(eventRows(events, 1)).toHaveLength(1));
  it('events of one object', () => {
    expect(eventsFor(events, { kind: 'Pod', name: 'web-1', namespace: 'default' }).map((r) => r.id)).toEqual(['default/a']);
    expect(eventsFor(events, { kind: 'Pod', name: 'web-1', namespace: 'other' })).toEqual([]);
  });
  // Read at an instant (the timeline's past view): what had not happened yet is not listed.
  const untilCases = [
    { name: 'live: everything', until: undefined, want: ['default/b', 'default/c', 'default/a'] },
    { name: 'an event at exactly the instant is listed', until: t0 + 20_000, want: ['default/c', 'default/a'] },
    { name: 'before the first event: nothing', until: t0 + 9_000, want: [] },
  ];
  for (const c of untilCases) it(`until: ${c.name}`, () => expect(eventRows(events, 500, c.until).map((r) => r.id)).toEqual(c.want));
  it('events of one object read at an instant', () => expect(eventsFor(events, { kind: 'Pod', name: 'web-1', namespace: 'default' }, t0 + 5_000)).toEqual([]));
  it('age as kubectl prints it', () => {
    const [row] = eventRows([ev('a', 'Pod', 'p', 0)]);
    expect([rowAge(row, t0 + 65_000), rowAge(row, t0 + 3 * 3600_000)]).toEqual(['65s', '3h']);
  });
});
