/**
 * A LabConnection on the same thread: the worker's host code (`LabHost`) called directly. For unit tests and
 * Node: requests are answered at once (their promises still settle asynchronously), and time moves only
 * through `advance`/`runUntilIdle` or `frame(wallMs)` (what the worker's ticker calls).
 */
import type { Lesson } from '../../engine/lessons/index.ts';
import type { LabStart } from './connection.ts';
import { LabHost } from './host.ts';
import { MirrorConnection } from './mirror.ts';
import type { Envelope } from './protocol.ts';

export class LocalConnection extends MirrorConnection {
  private host: LabHost | undefined;
  private closed = false;

  constructor(start: LabStart, lesson?: Lesson) {
    super(start);
    this.begin(lesson);
  }

  protected post(msg: Envelope): void {
    if (this.closed) return;
    if (msg.op === 'init') this.host = new LabHost(msg.start, msg.lesson, (m) => this.receive(m));
    this.host?.handle(msg);
  }

  protected close(): void {
    this.closed = true;
  }

  /** One ticker frame at wall time `wallMs` (virtual time moves by the elapsed wall time × speed). */
  frame(wallMs: number): void {
    this.host?.frame(wallMs);
  }

  /** The host, for tests that look behind the connection. */
  get engine(): LabHost | undefined {
    return this.host;
  }
}
