import type { ObjectMeta as ReadonlyObjectMeta } from 'kubernetes-types/meta/v1';

/**
 * kubernetes-types marks every field readonly; the engine builds and edits objects, so it uses mutable views.
 * `Mut<Pod>` is a Pod whose fields (at every depth) may be assigned.
 */
export type Mut<T> = T extends ReadonlyArray<infer U>
  ? Mut<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mut<T[K]> }
    : T;

export type ObjectMeta = Mut<ReadonlyObjectMeta>;

/** Any API object as stored and served: plain JSON, `apiVersion`/`kind`/`metadata` always present. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // Kinds add spec/status/data etc.; typed views come from kubernetes-types at the use site.
  [key: string]: unknown;
}

/** One field problem, as k8s.io/apimachinery/pkg/util/validation/field.Error. */
export interface FieldError {
  type: 'Required' | 'Invalid' | 'Forbidden' | 'NotSupported' | 'Duplicate' | 'TooLong' | 'TooMany' | 'NotFound' | 'InternalError';
  field: string;
  /** The offending value, formatted with `formatFieldValue` when printed. Absent for Required/Forbidden. */
  value?: unknown;
  detail?: string;
  /** For NotSupported: the allowed values. */
  supported?: string[];
  /** Set when `value` is already the Go-formatted text to print (e.g. `map[string]string{"a":"b"}`). */
  rawValue?: boolean;
}

export interface ValidationContext {
  /** The object as stored before this write, for updates. */
  old?: KubeObject;
  operation: 'CREATE' | 'UPDATE';
  /** '' for the main resource, 'status' for status writes, 'binding' for scheduler binds. */
  subresource: string;
}

/** Everything the API layer knows about one resource type (the equivalent of a REST storage + discovery). */
export interface ResourceType {
  kind: string;
  /** Group, '' for the core group. */
  group: string;
  version: string;
  /** Lower-case plural, the REST resource name: `pods`. */
  plural: string;
  /** Lower-case singular: `pod`. */
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /**
   * Other versions the API also serves for this kind (autoscaling/v1 next to the stored autoscaling/v2), each
   * converting a client's object of that version to the stored version in place.
   */
  alternateVersions?: Array<{ version: string; toStored(obj: KubeObject): void }>;
  /** Verbs listed by `kubectl api-resources -o wide`. */
  verbs: string[];
  /** Categories such as `all`. */
  categories?: string[];
  /** True when the kind has a status subresource: writes through the main resource ignore `status`. */
  hasStatus?: boolean;
  /**
   * Decode-level normalisation of a client-supplied object, before defaulting (e.g. quantities to canonical
   * form). Throws a StatusError (BadRequest) for what the apiserver could not decode.
   */
  decode?(obj: KubeObject): void;
  /** Set defaults in place, as the apiserver's defaulting functions do. */
  defaults?(obj: KubeObject): void;
  /** Name rules (ValidateNameFunc): problems with `name`; `prefix` for generateName. Default: DNS-1123 subdomain. */
  validateName?(name: string, prefix: boolean): string[];
  /** True when defaulting/validation on create needs metadata.uid (Jobs generate their selector from it). */
  uidBeforeValidate?: boolean;
  /** True when the kind's strategy maintains metadata.generation (bumped on spec changes). */
  tracksGeneration?: boolean;
  /** Return field errors; empty when valid. */
  validate?(obj: KubeObject, ctx: ValidationContext): FieldError[];
  /** Fields that make up "spec" for generation bumps; default compares `spec`. */
  specOf?(obj: KubeObject): unknown;
  /** Prepare an object for CREATE (e.g. clear status, set phase), after defaulting. */
  prepareForCreate?(obj: KubeObject): void;
  /** Prepare an UPDATE: copy fields that the main resource may not change (e.g. status). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /**
   * Field selectors this kind supports, with accessors. When set it is the complete list (including the
   * metadata.* labels the kind accepts); when absent the kind supports metadata.name and metadata.namespace.
   */
  fieldLabels?: Record<string, (obj: KubeObject) => string>;
}

export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** The apiserver's error: what kubectl prints comes from `message`. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason:
      | 'NotFound'
      | 'AlreadyExists'
      | 'Conflict'
      | 'Invalid'
      | 'BadRequest'
      | 'Forbidden'
      | 'MethodNotAllowed'
      | 'Gone'
      | 'InternalError'
      | 'ServiceUnavailable'
      | 'Timeout'
      | 'Expired'
      | 'TooManyRequests'
      // An admission webhook's denial carries no reason: kubectl prints `Error from server: ...`.
      | '',
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: FieldError[] },
  ) {
    super(message);
    this.name = 'StatusError';
  }
}

export function isStatusError(e: unknown, reason?: StatusError['reason']): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}
