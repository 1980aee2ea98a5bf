// A command's output crosses from the worker to the page once: as `chunk` messages, with the reply leaving
// stdout and stderr out (`output: 'chunks'`); the page's mirror joins the chunks into the RunReply.
import { describe, expect, it } from 'vitest';
import { LabHost } from './host.ts';
import { LocalConnection } from './local.ts';
import type { WorkerMessage } from './protocol.ts';

describe('command output crosses once', () => {
  const cases: Array<{ name: string; line: string; stdout: string; stderr: string; code: number }> = [
    { name: 'stdout only', line: 'echo one; echo two', stdout: 'one\ntwo\n', stderr: '', code: 0 },
    { name: 'stderr and an exit code', line: 'kubectl get pod nope', stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 },
    { name: 'both streams interleaved', line: 'echo out; kubectl get pod nope; echo again', stdout: 'out\nagain\n', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 0 },
    { name: 'no output', line: 'true', stdout: '', stderr: '', code: 0 },
  ];

  it.each(cases)('the host sends the text only in chunks: $name', ({ line, stdout, stderr }) => {
    const sent: WorkerMessage[] = [];
    const host = new LabHost({ origin: { seed: 1, nodes: 1 } }, undefined, (m) => sent.push(m));
    host.handle({ op: 'run', line, id: 7 });
    const chunks = sent.filter((m) => m.type === 'chunk' && m.id === 7);
    const reply = sent.find((m) => m.type === 'reply' && m.id === 7);
    const joined = (s: string) => chunks.map((m) => (m.type === 'chunk' && m.stream === s ? m.text : '')).join('');
    expect(joined('stdout')).toBe(stdout);
    expect(joined('stderr')).toBe(stderr);
    expect(reply).toMatchObject({ ok: true, output: 'chunks', value: { stdout: '', stderr: '' } });
  });

  it.each(cases)('the page resolves run with the whole output: $name', async ({ line, stdout, stderr, code }) => {
    const c = new LocalConnection({ origin: { seed: 1, nodes: 1 } });
    await c.ready;
    // With and without a chunk listener: the reply is the same.
    expect(await c.run(line)).toEqual({ stdout, stderr, code, prompt: '$ ' });
    expect(await c.run(line, () => {})).toEqual({ stdout, stderr, code, prompt: '$ ' });
    c.dispose();
  });
});
