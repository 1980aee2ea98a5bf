// `kubectl edit` through the page's editor (editorBridge.ts), end to end over a LabConnection: the probe opens
// the file kubectl edit writes (editoptions.go: the edit header, managedFields hidden) without running or
// recording anything; applying finishes it with kubectl edit's messages; an invalid edit comes back as the
// reopened file with kubectl's reasons; the journal replays the finished edit.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { replay } from '../persistence/recorder.ts';
import { LocalConnection } from '../worker/local.ts';

async function lab() {
  const c = new LocalConnection({ origin: { seed: 1, nodes: 1 } });
  await c.ready;
  await c.run('kubectl create deployment web --image=nginx --replicas=2');
  return c;
}

const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n";

describe('kubectl edit in the page editor', () => {
  it('opens the live object without output or a journal entry', async () => {
    const c = await lab();
    const before = c.record().entries.length;
    const chunks: string[] = [];
    const r = await c.run('kubectl edit deploy/web', (_s, t) => chunks.push(t));
    expect(r.edit?.content.startsWith(HEADER)).toBe(true);
    expect(r.edit?.content).toContain('  name: web\n');
    expect(r.edit?.content).not.toContain('managedFields');
    expect(r.edit?.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect([r.stdout, r.stderr, chunks.join('')]).toEqual(['', '', '']);
    expect(c.record().entries.length).toBe(before);
  });

  const cases: Array<{ name: string; change: (t: string) => string; want: { stdout: string; stderr: RegExp; reopened: boolean; replicas: number } }> = [
    { name: 'a change is patched back', change: (t) => t.replace('replicas: 2', 'replicas: 3'), want: { stdout: 'deployment.apps/web edited\n', stderr: /^$/, replicas: 3, reopened: false } },
    { name: 'no change cancels', change: (t) => t, want: { stdout: '', stderr: /^Edit cancelled, no changes made.\n$/, replicas: 2, reopened: false } },
    {
      name: 'an invalid edit reopens the file with the reasons',
      change: (t) => t.replace('replicas: 2', 'replicas: -1'),
      want: { stdout: '', stderr: /error: Edit cancelled, no valid changes were saved.\n$/, replicas: 2, reopened: true },
    },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const c = await lab();
      const opened = await c.run('kubectl edit deploy/web');
      const r = await c.editApply('kubectl edit deploy/web', [tc.change(opened.edit!.content)]);
      expect(r.stdout).toBe(tc.want.stdout);
      expect(r.stderr).toMatch(tc.want.stderr);
      expect(r.edit?.failed === true).toBe(tc.want.reopened);
      if (tc.want.reopened) expect(r.edit?.content).toContain('# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
      const live = await c.get('deployments', 'web', 'default');
      expect((live as { spec?: { replicas?: number } }).spec?.replicas).toBe(tc.want.replicas);
      const again = replay(c.record(), (o) => createCluster({ seed: o.seed, nodes: o.nodes }));
      expect((again.get('deployments', 'web', 'default') as { spec?: { replicas?: number } }).spec?.replicas).toBe(tc.want.replicas);
      expect(again.runtime.internalErrors).toEqual([]);
    });
  }
});
