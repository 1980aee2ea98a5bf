import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { Journal, replay } from '../persistence/recorder.ts';
import { diffLines, diffToConfirm } from './diffPreview.ts';

const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: "${v}"\n`;

describe('diffToConfirm', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.writeFile('c.yaml', cm('1'));
  c.run('kubectl apply -f c.yaml');
  const j = new Journal(c, { seed: 1, nodes: 1 });
  const cases: Array<{ name: string; manifest: string; show: boolean }> = [
    { name: 'a change to an existing object', manifest: cm('2'), show: true },
    { name: 'the same object unchanged', manifest: cm('1'), show: false },
    { name: 'a new object', manifest: cm('1').replace('name: c', 'name: fresh'), show: false },
    { name: 'invalid YAML (apply reports it)', manifest: 'kind: [', show: false },
  ];
  for (const tc of cases) it(tc.name, () => expect(diffToConfirm(j.diff(tc.manifest)) !== undefined).toBe(tc.show));

  it('shows the changed line', () => {
    const d = diffToConfirm(j.diff(cm('2')))!;
    expect(diffLines(d).filter((l) => l.kind === 'del' || l.kind === 'add').map((l) => l.text)).toEqual(expect.arrayContaining(['-  k: "1"', '+  k: "2"']));
  });

  it('a diff changes nothing, and replays identically', () => {
    const before = c.run('kubectl get cm c -o yaml').stdout;
    j.diff(cm('3'));
    expect(c.run('kubectl get cm c -o yaml').stdout).toBe(before);
    const start = () => {
      const x = createCluster({ seed: 1, nodes: 1 });
      x.writeFile('c.yaml', cm('1'));
      x.run('kubectl apply -f c.yaml');
      return x;
    };
    expect(replay(j.record(), start).run('kubectl get cm -A -o yaml').stdout).toBe(c.run('kubectl get cm -A -o yaml').stdout);
  });
});
