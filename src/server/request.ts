// What a handler sees of one HTTP request, and what it answers.
import type { ApiServer } from '../engine/api/server.ts';
import type { ResourceType } from '../engine/api/types.ts';
import type { UserInfo } from '../engine/auth/user.ts';
import type { ClusterRuntime } from '../engine/runtime.ts';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string;
  contentType: string;
  /** The User-Agent header (the default field manager is its product name). */
  userAgent?: string;
  /** The raw body text ('' when none). */
  body: string;
  /** The raw body bytes (protobuf bodies are binary). */
  bytes?: Uint8Array;
  user: UserInfo;
  /** The engine's API as this user sees it: every call authorized and audited. */
  api: ApiServer;
  rt: ClusterRuntime;
  /** Warnings to send as `Warning: 299 - "..."` headers. */
  warnings: string[];
}

export interface ApiResponse {
  code: number;
  body: unknown;
  contentType?: string;
}

/** A resource URL, resolved against the registry. */
export interface ResourcePath {
  rt: ResourceType;
  /** The version in the URL (the stored one or an alternate version the type also serves). */
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}
