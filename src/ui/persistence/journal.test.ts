import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../engine/index.ts';
import { parseRecord, type LabOrigin } from './journal.ts';
import { Journal, replay } from './recorder.ts';

const start = (o: LabOrigin): Cluster => createCluster({ seed: o.seed, nodes: o.nodes });

/** Everything a learner could look at: every object the cluster holds, as kubectl prints it. */
function state(c: Cluster): string {
  return c.run('kubectl get all,events -A -o yaml').stdout;
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
`;

describe('journal replay', () => {
  // The ticker advances time in frame-sized steps of irregular length; a replay advances once per entry.
  // Both must land on the same state, or a reload would show a different cluster than the one left.
  const cases: Array<{ name: string; steps: number[] }> = [
    { name: 'one long step', steps: [90_000] },
    { name: 'frame-sized steps', steps: Array.from({ length: 300 }, (_, i) => 200 + ((i * 37) % 190)) },
  ];
  for (const tc of cases) {
    it(`rebuilds the same cluster after ${tc.name}`, () => {
      const j = new Journal(start({ seed: 7, nodes: 2 }), { seed: 7, nodes: 2 });
      j.writeFile('app.yaml', MANIFEST);
      j.run('kubectl apply -f app.yaml');
      for (const ms of tc.steps) j.cluster.advance(ms);
      j.run('kubectl scale deployment web --replicas=5');
      j.run('kubectl delete pod --all --wait=false');
      j.cluster.advance(12_345);
      const rec = j.record();
      const again = replay(rec, start);
      expect(again.now()).toBe(j.cluster.now());
      expect(state(again)).toBe(state(j.cluster));
    });
  }

  it('stops at an earlier moment when asked', () => {
    const j = new Journal(start({ seed: 3 }), { seed: 3 });
    // The cluster is handed over booted: its journal starts at the boot's end, not at zero.
    const t0 = j.cluster.now();
    j.run('kubectl create deployment a --image=nginx');
    j.cluster.advance(5_000);
    j.run('kubectl create deployment b --image=nginx');
    const early = replay(j.record(), start, t0 + 1_000);
    expect(early.now()).toBe(t0 + 1_000);
    expect(early.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/a\n');
  });

  it('records a file write and the command that used it in order', () => {
    const j = new Journal(start({}), {});
    const t0 = j.cluster.now();
    j.writeFile('x.yaml', 'a');
    j.run('cat x.yaml');
    expect(j.record().entries).toEqual([
      { at: t0, file: 'x.yaml', text: 'a' },
      { at: t0, run: 'cat x.yaml' },
    ]);
  });
});

describe('parseRecord', () => {
  const ok = { version: 1, origin: { seed: 2, lesson: 'pods' }, entries: [{ at: 0, run: 'kubectl get pods' }, { at: 5, file: 'a', text: 'b' }], end: 10 };
  const cases: Array<{ name: string; raw: unknown; valid: boolean }> = [
    { name: 'a well-formed record', raw: ok, valid: true },
    { name: 'another version', raw: { ...ok, version: 2 }, valid: false },
    { name: 'entries out of time order', raw: { ...ok, entries: [{ at: 5, run: 'a' }, { at: 1, run: 'b' }] }, valid: false },
    { name: 'an entry of unknown shape', raw: { ...ok, entries: [{ at: 0, eval: 'alert(1)' }] }, valid: false },
    { name: 'end before the last entry', raw: { ...ok, end: 1 }, valid: false },
    { name: 'not an object', raw: 'x', valid: false },
  ];
  for (const tc of cases) it(tc.name, () => expect(parseRecord(tc.raw) !== undefined).toBe(tc.valid));

  it('drops origin fields that are not what they claim', () => {
    expect(parseRecord({ ...ok, origin: { seed: 'x', nodes: 1e9, lesson: '<img src=x>' } })?.origin).toEqual({});
  });
});
