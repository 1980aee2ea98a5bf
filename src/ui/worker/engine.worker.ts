/**
 * The engine's Web Worker: one lab's LabHost. Requests arrive as messages and are handled one at a time; a
 * ticker advances virtual time from wall time about 60 times a second (when the speed is above zero) and
 * posts a delta whenever something changed.
 */
import { LabHost } from './host.ts';
import type { Envelope, WorkerMessage } from './protocol.ts';

const FRAME_MS = 16;
const scope = self as unknown as { postMessage(m: WorkerMessage): void; onmessage: ((e: MessageEvent<Envelope>) => void) | null };
const send = (m: WorkerMessage) => scope.postMessage(m);
let host: LabHost | undefined;

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.op === 'init' && !host) {
    try {
      host = new LabHost(msg.start, msg.lesson, send);
    } catch (err) {
      send({ type: 'reply', id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    loop();
  }
  if (!host) {
    send({ type: 'reply', id: msg.id, ok: false, error: 'the lab is not started' });
    return;
  }
  host.handle(msg);
};

function loop(): void {
  host?.frame(performance.now());
  setTimeout(loop, FRAME_MS);
}
