/**
 * The page's LabConnection: the engine runs in a dedicated Web Worker (`engine.worker.ts`), so the simulation
 * never blocks typing, panning or drawing. Messages are the protocol in `protocol.ts`.
 */
import type { Lesson } from '../../engine/lessons/index.ts';
import type { LabStart } from './connection.ts';
import { MirrorConnection } from './mirror.ts';
import type { Envelope, WorkerMessage } from './protocol.ts';

function spawn(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'kubelab-engine' });
}

let warm: Worker | undefined;

/**
 * Start loading the engine's worker before the page has decided which lab to open (the saved workspace is still
 * being read, React still loading): the first connection takes it over, so fetching and compiling the engine
 * overlaps with the page's own start.
 */
export function prewarmWorker(): void {
  warm ??= spawn();
}

export class WorkerConnection extends MirrorConnection {
  private worker: Worker;

  constructor(start: LabStart, lesson?: Lesson) {
    super(start);
    this.worker = warm ?? spawn();
    warm = undefined;
    this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    this.worker.onerror = (e) => console.error('kubelab engine worker:', e.message);
    this.begin(lesson);
  }

  protected post(msg: Envelope): void {
    this.worker.postMessage(msg);
  }

  protected close(): void {
    this.worker.terminate();
  }
}
