import { createStore, del, get, set } from 'idb-keyval';
import { parseRecord, type LabRecord } from './journal.ts';

/** The few async key-value operations persistence needs (IndexedDB in the page, a Map in tests). */
export interface KV {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** Everything a learner did, as saved between visits. */
export interface SavedWorkspace {
  lab?: LabRecord;
  /** Editor files by path. */
  files?: Record<string, string>;
  /** Terminal input history, oldest first. */
  history?: string[];
  /** Lesson progress: completed step indexes per lesson slug. */
  progress?: Record<string, number[]>;
}

const KEYS = ['lab', 'files', 'history', 'progress'] as const;
type Key = (typeof KEYS)[number];
const HISTORY_MAX = 500;

/** IndexedDB through idb-keyval (database `kubelab`, object store `workspace`). */
export function indexedDbKV(): KV | undefined {
  try {
    if (typeof indexedDB === 'undefined') return undefined;
    const store = createStore('kubelab', 'workspace');
    return { get: (k) => get(k, store), set: (k, v) => set(k, v, store), del: (k) => del(k, store) };
  } catch {
    return undefined;
  }
}

export function memoryKV(): KV {
  const m = new Map<string, unknown>();
  return {
    get: async (k) => m.get(k),
    set: async (k, v) => void m.set(k, structuredClone(v)),
    del: async (k) => void m.delete(k),
  };
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function progressRecord(v: unknown): Record<string, number[]> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, number[]> = {};
  for (const [k, x] of Object.entries(v)) if (Array.isArray(x)) out[k] = x.filter((n): n is number => Number.isInteger(n) && n >= 0);
  return out;
}

/** Validate what storage (or an imported file) holds; anything malformed is dropped, never trusted. */
export function sanitizeWorkspace(raw: Partial<Record<Key, unknown>>): SavedWorkspace {
  const out: SavedWorkspace = {};
  const lab = parseRecord(raw.lab);
  if (lab) out.lab = lab;
  const files = stringRecord(raw.files);
  if (files) out.files = files;
  if (Array.isArray(raw.history)) out.history = raw.history.filter((x): x is string => typeof x === 'string').slice(-HISTORY_MAX);
  const progress = progressRecord(raw.progress);
  if (progress) out.progress = progress;
  return out;
}

/**
 * The saved workspace, loaded once before the lab renders and then read synchronously from memory. Writes
 * update memory at once and start their IndexedDB transaction at once (editor text: coalesced briefly).
 */
export class WorkspaceStore {
  private pending = new Map<Key, unknown>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly kv: KV,
    readonly data: SavedWorkspace,
    private readonly delayMs: number,
  ) {}

  static async open(kv: KV = indexedDbKV() ?? memoryKV(), delayMs = 300): Promise<WorkspaceStore> {
    const raw: Partial<Record<Key, unknown>> = {};
    try {
      const values = await Promise.all(KEYS.map((k) => kv.get(k)));
      KEYS.forEach((k, i) => (raw[k] = values[i]));
    } catch {
      // Storage unavailable (private mode, quota): start empty; writes keep failing quietly.
    }
    return new WorkspaceStore(kv, sanitizeWorkspace(raw), delayMs);
  }

  save<K extends Key>(key: K, value: SavedWorkspace[K]): void {
    if (key === 'history' && Array.isArray(value)) value = (value as string[]).slice(-HISTORY_MAX) as SavedWorkspace[K];
    this.data[key] = value;
    this.pending.set(key, value);
    // Inputs, history and progress start their write at once (a reload right after a command must find
    // it); the editor's text, saved on every keystroke, is coalesced.
    if (key !== 'files') void this.flush();
    else if (this.timer === undefined) this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const writes = [...this.pending];
    this.pending.clear();
    await Promise.all(writes.map(([k, v]) => (v === undefined ? this.kv.del(k) : this.kv.set(k, v)).catch(() => undefined)));
  }

  /** Forget the lab, files and history (lesson progress stays unless `all`). */
  async clear(all = false): Promise<void> {
    for (const k of KEYS) if (all || k !== 'progress') this.save(k, undefined);
    await this.flush();
  }
}
