/**
 * Drives virtual time from wall time: each frame advances the cluster by the elapsed wall milliseconds times
 * the speed, then flushes the UI's cluster source (one React update per frame at most). Long frames (a
 * background tab) are capped so time does not leap when the page returns. Fractions of a virtual
 * millisecond carry over to the next frame, so the clock only moves in whole milliseconds.
 */
export interface TickTarget {
  advance(ms: number): void;
  flush(): void;
  speed(): number;
}

export const MAX_FRAME_MS = 250;

export class Ticker {
  private last: number | undefined;
  private carry = 0;

  constructor(private readonly target: TickTarget) {}

  /** Called once per animation frame with the frame's wall time in ms. */
  frame(wallMs: number): void {
    const dt = this.last === undefined ? 0 : Math.min(MAX_FRAME_MS, Math.max(0, wallMs - this.last));
    this.last = wallMs;
    const speed = this.target.speed();
    if (speed > 0 && dt > 0) {
      const exact = dt * speed + this.carry;
      const whole = Math.floor(exact);
      this.carry = exact - whole;
      if (whole > 0) this.target.advance(whole);
    } else this.carry = 0;
    this.target.flush();
  }
}

/** Run `ticker` on requestAnimationFrame until the returned stop function is called. */
export function startTicker(ticker: Ticker): () => void {
  let id = 0;
  const loop = (t: number) => {
    ticker.frame(t);
    id = requestAnimationFrame(loop);
  };
  id = requestAnimationFrame(loop);
  return () => cancelAnimationFrame(id);
}
