import { describe, expect, it } from 'vitest';
import { describeEvents, PrefixWriter } from './writer.ts';

// DescribeEvents: Age is the first-seen time, or `last (xN over first)` for a counted event or a series;
// `From` falls back to reportingController; messages are trimmed; a zero timestamp prints <unknown>.
describe('DescribeEvents', () => {
  const now = Date.parse('2025-01-01T01:00:00Z');
  const ago = (s: number) => new Date(now - s * 1000).toISOString().replace('.000Z', 'Z');
  const ev = (reason: string, o: Record<string, unknown>) =>
    ({ type: 'Normal', reason, message: `${reason} happened `, source: { component: 'kubelet' }, ...o }) as unknown as Parameters<typeof describeEvents>[1][number];
  const render = (events: Parameters<typeof describeEvents>[1]) => {
    const w = new PrefixWriter();
    w.write(0, 'Name:\tx\n');
    describeEvents(w, events, now);
    return w.done();
  };
  it.each([
    ['no events', [], 'Name:    x\nEvents:  <none>\n'],
    [
      'counted, single, series, reportingController and unknown ages; sorted by last timestamp',
      [
        ev('Pulled', { count: 2, firstTimestamp: ago(300), lastTimestamp: ago(180) }),
        ev('Scheduled', { count: 1, firstTimestamp: ago(400), lastTimestamp: ago(400) }),
        ev('Unhealthy', { type: 'Warning', eventTime: ago(90), series: { count: 7, lastObservedTime: ago(10) }, lastTimestamp: ago(10), source: {}, reportingComponent: 'kubelet-x' }),
        ev('Odd', {}),
      ],
      [
        'Name:  x',
        'Events:',
        '  Type     Reason     Age                From       Message',
        '  ----     ------     ----               ----       -------',
        '  Normal   Odd        <unknown>          kubelet    Odd happened',
        '  Normal   Scheduled  6m40s              kubelet    Scheduled happened',
        '  Normal   Pulled     3m (x2 over 5m)    kubelet    Pulled happened',
        '  Warning  Unhealthy  10s (x7 over 90s)  kubelet-x  Unhealthy happened',
        '',
      ].join('\n'),
    ],
  ])('%s', (_name, events, want) => {
    expect(render(events as Parameters<typeof describeEvents>[1])).toBe(want);
  });
});
