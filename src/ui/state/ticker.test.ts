import { describe, expect, it } from 'vitest';
import { MAX_FRAME_MS, Ticker } from './ticker.ts';

function run(speed: number, frames: number[]): { advanced: number[]; flushes: number } {
  const advanced: number[] = [];
  let flushes = 0;
  const t = new Ticker({ advance: (ms) => advanced.push(ms), flush: () => flushes++, speed: () => speed });
  for (const f of frames) t.frame(f);
  return { advanced, flushes };
}

describe('Ticker', () => {
  const cases: Array<{ name: string; speed: number; frames: number[]; want: number[] }> = [
    { name: 'first frame only sets the baseline', speed: 1, frames: [1000], want: [] },
    { name: '1x follows wall time', speed: 1, frames: [0, 16, 32], want: [16, 16] },
    { name: '60x', speed: 60, frames: [0, 16], want: [960] },
    { name: 'paused', speed: 0, frames: [0, 16, 32], want: [] },
    { name: 'long frames are capped', speed: 1, frames: [0, 5000], want: [MAX_FRAME_MS] },
    { name: 'fractions carry over', speed: 1, frames: [0, 0.5, 1, 1.5, 2], want: [1, 1] },
  ];
  for (const c of cases) it(c.name, () => expect(run(c.speed, c.frames).advanced).toEqual(c.want));
  it('flushes every frame', () => expect(run(0, [0, 1, 2]).flushes).toBe(3));
});
