import { describe, expect, it } from 'vitest';
import { exportLab, importLab } from './labFile.ts';
import { workspaceProgressStore } from './progress.ts';
import { memoryKV, WorkspaceStore } from './store.ts';

describe('WorkspaceStore', () => {
  it('survives a reopen (what a reload does)', async () => {
    const kv = memoryKV();
    const a = await WorkspaceStore.open(kv, 0);
    a.save('files', { 'app.yaml': 'kind: Pod' });
    a.save('history', ['kubectl get pods']);
    workspaceProgressStore(a).markDone('pods', 2);
    await a.flush();
    const b = await WorkspaceStore.open(kv, 0);
    expect(b.data).toEqual({ files: { 'app.yaml': 'kind: Pod' }, history: ['kubectl get pods'], progress: { pods: [2] } });
  });

  it('clear forgets the lab but keeps lesson progress', async () => {
    const kv = memoryKV();
    const a = await WorkspaceStore.open(kv, 0);
    a.save('history', ['x']);
    a.save('progress', { pods: [0] });
    await a.clear();
    expect((await WorkspaceStore.open(kv, 0)).data).toEqual({ progress: { pods: [0] } });
  });

  it('drops malformed stored values', async () => {
    const kv = memoryKV();
    await kv.set('lab', { version: 9 });
    await kv.set('history', ['ok', 3, null]);
    await kv.set('files', 'nope');
    expect((await WorkspaceStore.open(kv, 0)).data).toEqual({ history: ['ok'] });
  });
});

describe('lab files', () => {
  const lab = { version: 1 as const, origin: { seed: 4 }, entries: [{ at: 0, run: 'kubectl get nodes' }], end: 3000 };
  it('round-trips a lab', () => {
    expect(importLab(exportLab({ lab, files: { 'a.yaml': 'x' }, history: ['h'] }))).toEqual({ lab, files: { 'a.yaml': 'x' }, history: ['h'] });
  });
  const bad: Array<{ name: string; text: string }> = [
    { name: 'not JSON', text: '{' },
    { name: 'JSON of another tool', text: '{"version":1}' },
    { name: 'a lab file without a lab', text: '{"kubelab":"lab","version":1}' },
  ];
  for (const tc of bad) it(`refuses ${tc.name}`, () => expect(importLab(tc.text)).toBeUndefined());
});
