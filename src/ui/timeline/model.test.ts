import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import type { LabRecord } from '../persistence/journal.ts';
import { Journal, replay } from '../persistence/recorder.ts';
import type { Event } from 'kubernetes-types/core/v1';
import { eventRows, rowAge } from '../events/model.ts';
import { clockLabel, recordAt, snap, viewedUnixMs } from './model.ts';

const record: LabRecord = {
  version: 1,
  origin: { seed: 3, nodes: 2 },
  entries: [
    { at: 0, run: 'kubectl create deployment web --image=nginx --replicas=2' },
    { at: 30_000, run: 'kubectl scale deployment web --replicas=4' },
    { at: 60_000, run: 'kubectl delete deployment web' },
  ],
  end: 90_000,
};

describe('recordAt', () => {
  const cases = [
    { name: 'before the first input keeps only inputs at time 0', t: 0, wantEntries: 1, wantEnd: 0 },
    { name: 'between inputs keeps the earlier ones', t: 45_000, wantEntries: 2, wantEnd: 45_000 },
    { name: 'an input at exactly t is kept', t: 60_000, wantEntries: 3, wantEnd: 60_000 },
    { name: 'past the end clamps to the end', t: 200_000, wantEntries: 3, wantEnd: 90_000 },
    { name: 'negative clamps to 0', t: -5, wantEntries: 1, wantEnd: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = recordAt(record, c.t);
      expect(r.entries).toHaveLength(c.wantEntries);
      expect(r.end).toBe(c.wantEnd);
      expect(r.origin).toEqual(record.origin);
    });
  }
});

describe('the lab at an earlier time is the replay of the record cut there (the engine is deterministic)', () => {
  it('replaying the cut record gives the state the live lab had at that moment', () => {
    const live = createCluster({ seed: 3, nodes: 2 });
    const journal = new Journal(live, { seed: 3, nodes: 2 });
    journal.run('kubectl create deployment web --image=nginx --replicas=2');
    live.advance(29_000);
    const at29 = live.run('kubectl get pods -o name').stdout;
    live.advance(1_000);
    journal.run('kubectl scale deployment web --replicas=4');
    live.advance(30_000);
    expect(live.run('kubectl get pods -o name').stdout).not.toBe(at29);
    const past = replay(recordAt(journal.record(), 29_000), (o) => createCluster({ seed: o.seed, nodes: o.nodes }));
    expect(past.now()).toBe(29_000);
    expect(past.run('kubectl get pods -o name').stdout).toBe(at29);
  });
});

describe('labels and snapping', () => {
  it('clockLabel reads UTC wall time', () => expect(clockLabel(Date.UTC(2025, 0, 1, 12, 3, 0), 10_400)).toBe('12:03:10'));
  const cases = [
    { value: 1499, end: 10_000, want: 1000 },
    { value: 1500, end: 10_000, want: 2000 },
    { value: 12_000, end: 10_000, want: 10_000 },
    { value: -3, end: 10_000, want: 0 },
  ];
  for (const c of cases) it(`snap(${c.value}) → ${c.want}`, () => expect(snap(c.value, c.end)).toBe(c.want));
});

// `kubectl get events` run at an instant prints each event's AGE as that instant minus its lastTimestamp
// (kubectl's translateTimestampSince over apimachinery's duration.HumanDuration); an event from after the instant
// did not exist yet. The past view must read the same, whatever the rebuilt lab's own clock says.
describe('the past view reads events at the viewed instant', () => {
  const start = (o: { seed?: number; nodes?: number }) => createCluster({ seed: o.seed, nodes: o.nodes });
  // The Deployment's ScalingReplicaSet is at T; its pods pull from T+1 s and report Pulled at T+4 s.
  const cases = [
    { name: 'between inputs (time passed with no input), 5 s after', wait: 'advance', after: 5_000, wantAge: '5s', wantPulled: true, wantPastClockLater: false },
    { name: 'between inputs, 2 s after: the pulls are not done yet', wait: 'advance', after: 2_000, wantAge: '2s', wantPulled: false, wantPastClockLater: false },
    { name: 'inside an input that waited past it (sleep 40), 5 s after', wait: 'sleep', after: 5_000, wantAge: '5s', wantPulled: true, wantPastClockLater: true },
    { name: 'inside sleep 40, 2 s after: later events are not listed', wait: 'sleep', after: 2_000, wantAge: '2s', wantPulled: false, wantPastClockLater: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const live = start({ seed: 5, nodes: 2 });
      const journal = new Journal(live, { seed: 5, nodes: 2 });
      journal.run('kubectl create deployment web --image=nginx --replicas=2');
      if (c.wait === 'sleep') journal.run('sleep 40');
      else live.advance(40_000);
      journal.run('kubectl scale deployment web --replicas=3');
      live.advance(10_000);
      const epoch = live.runtime.clock.nowUnixMs() - live.now();
      const scaled = eventRows(live.list('events', 'default') as unknown as Event[]).find((r) => r.object === 'deployment.apps/web' && r.message.includes('to 2'))!;
      const viewed = viewedUnixMs(epoch, scaled.last + c.after - epoch)!;
      const past = replay(recordAt(journal.record(), viewed - epoch), start);
      expect(past.runtime.clock.nowUnixMs() > viewed).toBe(c.wantPastClockLater);
      const rows = eventRows(past.list('events', 'default') as unknown as Event[], 500, viewed);
      expect(rowAge(rows.find((r) => r.id === scaled.id)!, viewed)).toBe(c.wantAge);
      expect(rows.some((r) => r.reason === 'Pulled')).toBe(c.wantPulled);
      expect(rows.some((r) => r.message.includes('to 3'))).toBe(false);
    });
  }
  it('live: no instant', () => expect(viewedUnixMs(1000, undefined)).toBeUndefined());
});
