import { useSyncExternalStore } from 'react';
import type { MeshTelemetryEdge } from '../../engine/index.ts';
import type { LabConnection } from '../worker/connection.ts';

/**
 * The mesh's telemetry for the page: asked of the engine (`LabConnection.meshTelemetry`) only while someone
 * shows it (the mesh view, an edge in the inspector), again each virtual second at most and never with a
 * request still unanswered. With no subscriber nothing is asked and nothing is computed.
 */
export class MeshFeed {
  private edges: readonly MeshTelemetryEdge[] | undefined;
  private listeners = new Set<() => void>();
  private stopTick: (() => void) | undefined;
  private inFlight = false;
  private askedAt = -1;
  private stale = false;
  private wallAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `minWallMs`: at fast simulation speeds a virtual second passes many times a wall second; ask at most this often. */
  constructor(
    private readonly conn: Pick<LabConnection, 'meshTelemetry' | 'onTick' | 'now'>,
    private readonly minWallMs = 250,
  ) {}

  /** The latest snapshot; undefined until the first answer. */
  get = (): readonly MeshTelemetryEdge[] | undefined => this.edges;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    if (this.listeners.size === 1) {
      this.stopTick = this.conn.onTick(() => this.poll());
      this.poll(true);
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) {
        this.stopTick?.();
        this.stopTick = undefined;
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  };

  /** Ask again when the virtual second moved (or `force`); a tick during a request asks once it is answered. */
  poll(force = false): void {
    const second = Math.floor(this.conn.now() / 1000);
    if (!force && second === this.askedAt) return;
    if (this.inFlight) {
      this.stale = true;
      return;
    }
    const wait = this.wallAt + this.minWallMs - Date.now();
    if (!force && wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        if (this.listeners.size > 0) this.poll();
      }, wait);
      return;
    }
    this.wallAt = Date.now();
    this.inFlight = true;
    this.askedAt = second;
    this.conn.meshTelemetry().then(
      (edges) => {
        this.inFlight = false;
        this.edges = edges;
        for (const l of [...this.listeners]) l();
        if (this.stale && this.listeners.size > 0) {
          this.stale = false;
          this.poll();
        }
      },
      () => {
        this.inFlight = false;
      },
    );
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }
}

const feeds = new WeakMap<object, MeshFeed>();

/** The one feed of a connection (the graph and the inspector share it). */
export function meshFeed(conn: Pick<LabConnection, 'meshTelemetry' | 'onTick' | 'now'>): MeshFeed {
  let f = feeds.get(conn);
  if (!f) feeds.set(conn, (f = new MeshFeed(conn)));
  return f;
}

const noop = () => () => {};
const none = () => undefined;

/** The mesh telemetry while `on` (polled), else undefined without asking the engine anything. */
export function useMeshTelemetry(conn: Pick<LabConnection, 'meshTelemetry' | 'onTick' | 'now'> | undefined, on: boolean): readonly MeshTelemetryEdge[] | undefined {
  const feed = conn && on && typeof conn.meshTelemetry === 'function' ? meshFeed(conn) : undefined;
  return useSyncExternalStore(feed ? feed.subscribe : noop, feed ? feed.get : none);
}
