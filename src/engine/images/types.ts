import type { ContainerFs } from './fs.ts';

export interface HttpResponse {
  status: number;
  body: string;
  contentType?: string;
}

/** What a long-running program (a server, a daemon) looks like once started. Times are ms after its start. */
export interface AppInstance {
  /** TCP ports it listens on. */
  ports: number[];
  /** How the program shows in `ps` (it may rename itself and fork workers); default: its argv. */
  processTitles?: Array<{ user: string; title: string }>;
  /** The ports are bound on [::] as well as 0.0.0.0. */
  dualStack?: boolean;
  /** Ports accept connections this long after start. */
  readyAfterMs: number;
  /** Resident memory once started (bytes); above the container's limit the OOM killer ends it. */
  memoryBytes: number;
  /** Lines written at start-up, with their offset. */
  logs: Array<{ at: number; text: string }>;
  /** When the program ends by itself (e.g. a database refusing to start without a password). */
  exit?: { at: number; code: number };
  /** Reaction to a stop signal sent at `atMs` (unix ms): when it exits, with what code, and what it logs. undefined: ignored. */
  onStop(signal: string, atMs: number): { afterMs: number; code: number; logs: string[] } | undefined;
  /** Answer an HTTP request on one of its ports; undefined when the port does not speak HTTP. */
  http?(req: HttpRequest): HttpResponse | undefined;
  /** What the program writes back on a TCP connection that sent `req.data` and closed (`echo hi | nc HOST PORT`). */
  tcp?(req: TcpRequest): string;
}

/** One TCP connection to a program: the bytes the client sent before closing its side. */
export interface TcpRequest {
  port: number;
  data: string;
  /** unix ms (virtual) of the connection. */
  atMs: number;
  clientIP: string;
  /** Append a line to the container's output. */
  log(line: string): void;
}

export interface HttpRequest {
  port: number;
  path: string;
  method: string;
  /** unix ms (virtual) of the request. */
  atMs: number;
  /** ms since the program started. */
  uptimeMs: number;
  clientIP: string;
  userAgent: string;
  /** The Host header (without port); the address dialled when the client sent none. */
  host?: string;
  /** Other request headers, lower-case names. */
  headers?: Record<string, string>;
  /** Append an access-log line to the container's output. */
  log(line: string): void;
}

/** What a program sees when it starts. */
export interface AppContext {
  argv: string[];
  env: Map<string, string>;
  hostname: string;
  podIP: string;
  fs: ContainerFs;
  /** unix ms (virtual) at start. */
  startMs: number;
  /** The image tag the container runs (for version strings). */
  version: string;
  /** The image tag as written (`1.27-alpine`): tells musl (Alpine) builds from glibc ones. */
  tag?: string;
  /** The cluster as a program inside it reaches it: undefined in dry runs (predicting exits) and outside a kubelet. */
  cluster?: AppCluster;
  /**
   * True when another container of the pod already holds TCP `port` (containers of a pod share one network
   * namespace, so a second bind() fails with EADDRINUSE). Undefined outside a pod.
   */
  portInUse?(port: number): { dualStack: boolean } | undefined;
}

/** What a cluster add-on running in a container (an ingress controller) may ask of the cluster around it. */
export interface AppCluster {
  /** A component the cluster publishes (`rt.services`), e.g. `'ingress'`. */
  service<T>(name: string): T | undefined;
  /** An HTTP GET from this container, through the same path as curl inside it. */
  httpGet(url: string, headers?: Record<string, string>): { status: number; body: string } | { error: string };
}

/** A program that cannot start prints its message and exits with `code`. */
export type AppStartResult = AppInstance | { error: string; code: number; afterMs?: number };

export type AppFactory = (ctx: AppContext) => AppStartResult;

export type ShellFlavor = 'busybox' | 'gnu';
