import type { KubeObject, WatchEvent } from '../../engine/index.ts';

/**
 * The embed postMessage API. Every message carries `kubelab: 1`. Requests come from the embedding page
 * (`window.parent`), answers go back to the requesting window with the requester's exact origin as target.
 * Requests from origins not in `allowedOrigins` get no answer at all.
 */
export type EmbedRequest =
  | { kubelab: 1; id: string | number; type: 'run'; command: string }
  | { kubelab: 1; id: string | number; type: 'apply'; yaml: string }
  | { kubelab: 1; id: string | number; type: 'get'; resource: string; name?: string; namespace?: string }
  | { kubelab: 1; id: string | number; type: 'subscribe'; kinds?: string[] }
  | { kubelab: 1; id: string | number; type: 'unsubscribe' };

export type EmbedReply =
  | { kubelab: 1; id: string | number; ok: true; result: unknown }
  | { kubelab: 1; id: string | number; ok: false; error: string };

/** Pushed to subscribers: one per object change in the cluster. */
export interface EmbedWatchMessage {
  kubelab: 1;
  type: 'watch';
  event: { type: WatchEvent['type']; kind: string; object: KubeObject };
}

/** Sent once to the parent (each allowed origin) when the lab is ready. */
export interface EmbedReadyMessage {
  kubelab: 1;
  type: 'ready';
}

type MaybePromise<T> = T | Promise<T>;

/** What the bridge needs from the lab (answers may come later: the cluster runs in a worker). */
export interface EmbedHost {
  run(command: string): MaybePromise<{ stdout: string; stderr: string; exitCode: number }>;
  apply(yaml: string): MaybePromise<{ stdout: string; stderr: string; exitCode: number }>;
  get(resource: string, name?: string, namespace?: string): MaybePromise<KubeObject | KubeObject[] | undefined>;
  watch(listener: (ev: WatchEvent) => void): () => void;
}

/** The target a reply is posted to (a Window in the page). */
export interface ReplyTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface IncomingMessage {
  origin: string;
  data: unknown;
  source: ReplyTarget | null;
}

const MAX_COMMAND = 100_000;

function isRequest(d: unknown): d is EmbedRequest {
  if (!d || typeof d !== 'object') return false;
  const r = d as Record<string, unknown>;
  return r.kubelab === 1 && (typeof r.id === 'string' || typeof r.id === 'number') && typeof r.type === 'string';
}

export class EmbedBridge {
  private readonly allowed: ReadonlySet<string>;
  private subscriptions = new Map<ReplyTarget, { origin: string; kinds?: Set<string>; stop: () => void }>();

  constructor(
    private readonly host: EmbedHost,
    allowedOrigins: readonly string[],
  ) {
    this.allowed = new Set(allowedOrigins.filter((o) => o !== '*' && o !== 'null'));
  }

  /** Whether requests from `origin` are answered. */
  allows(origin: string): boolean {
    return this.allowed.has(origin);
  }

  /** Announce readiness to the parent, once per allowed origin (the browser drops the ones that do not match). */
  ready(parent: ReplyTarget): void {
    const msg: EmbedReadyMessage = { kubelab: 1, type: 'ready' };
    for (const o of this.allowed) parent.postMessage(msg, o);
  }

  /** Handle one `message` event. Returns whether it was answered. */
  handle(ev: IncomingMessage): boolean {
    if (!ev.source || !this.allows(ev.origin) || !isRequest(ev.data)) return false;
    const req = ev.data;
    const reply = (r: { ok: true; result: unknown } | { ok: false; error: string }) => ev.source!.postMessage({ kubelab: 1, id: req.id, ...r } satisfies EmbedReply, ev.origin);
    const fail = (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) });
    try {
      const result = this.serve(req, ev.source, ev.origin);
      if (result instanceof Promise) result.then((r) => reply({ ok: true, result: r ?? null }), fail);
      else reply({ ok: true, result });
    } catch (e) {
      fail(e);
    }
    return true;
  }

  dispose(): void {
    for (const s of this.subscriptions.values()) s.stop();
    this.subscriptions.clear();
  }

  private serve(req: EmbedRequest, source: ReplyTarget, origin: string): unknown {
    switch (req.type) {
      case 'run':
        if (typeof req.command !== 'string' || req.command.length > MAX_COMMAND) throw new Error('run: "command" must be a string');
        return this.host.run(req.command);
      case 'apply':
        if (typeof req.yaml !== 'string' || req.yaml.length > MAX_COMMAND) throw new Error('apply: "yaml" must be a string');
        return this.host.apply(req.yaml);
      case 'get':
        if (typeof req.resource !== 'string') throw new Error('get: "resource" must be a string');
        return this.host.get(req.resource, typeof req.name === 'string' ? req.name : undefined, typeof req.namespace === 'string' ? req.namespace : undefined) ?? null;
      case 'subscribe': {
        this.subscriptions.get(source)?.stop();
        const kinds = Array.isArray(req.kinds) ? new Set(req.kinds.filter((k): k is string => typeof k === 'string')) : undefined;
        const stop = this.host.watch((ev) => {
          if (kinds && !kinds.has(ev.kind)) return;
          source.postMessage({ kubelab: 1, type: 'watch', event: { type: ev.type, kind: ev.kind, object: ev.object } } satisfies EmbedWatchMessage, origin);
        });
        this.subscriptions.set(source, { origin, kinds, stop });
        return { subscribed: kinds ? [...kinds] : 'all' };
      }
      case 'unsubscribe':
        this.subscriptions.get(source)?.stop();
        this.subscriptions.delete(source);
        return { subscribed: false };
      default:
        throw new Error(`unknown request type "${(req as { type: string }).type}"`);
    }
  }
}
