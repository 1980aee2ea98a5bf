import type { ApiServer } from './server.ts';
import type { KubeObject, ResourceType } from './types.ts';

/**
 * What a request to the API server carries besides its object: the operation and its attributes as
 * admission sees them, the client's request context, and the options of writes, deletes and lists.
 */

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** What admission plugins see, as admission.Attributes. */
export interface AdmissionAttributes {
  operation: Operation;
  resource: ResourceType;
  namespace: string;
  name: string;
  /** The incoming object (mutable for mutating plugins). */
  object: KubeObject;
  oldObject?: KubeObject;
  dryRun: boolean;
  /** A subresource such as `status` or `binding`, '' for the main resource. */
  subresource: string;
}

/** Per-request hooks for admission: warnings for the client and annotations for the audit event. */
export interface RequestContext {
  /** Who is asking (name and groups), for plugins such as NodeRestriction. */
  user?: { name: string; groups: string[] };
  warn(text: string): void;
  annotate(key: string, value: string): void;
}

/** An admission plugin. Mutating plugins run first, in order; then validating ones. Throw a StatusError to deny. */
export interface AdmissionPlugin {
  name: string;
  mutate?(a: AdmissionAttributes, api: ApiServer): void;
  validate?(a: AdmissionAttributes, api: ApiServer): void;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Write through the status subresource: only `status` (and metadata for finalizers) changes. */
  subresource?: 'status';
  /**
   * The caller hands `input` over: it is a private deep copy (e.g. fresh from `clone`, or built for this
   * call) that the caller will never touch again, so the server may keep it as the stored instance instead
   * of copying it. For in-engine writers on hot paths; kubectl never sets it.
   */
  owned?: boolean;
}

export interface DeleteOptions {
  dryRun?: boolean;
  /** Background (default), Foreground or Orphan, as metav1.DeletionPropagation. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Seconds; undefined uses the object's default (pods: terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
  /** Precondition on uid, as DeleteOptions.preconditions.uid. */
  uid?: string;
}

export interface ListOptions {
  labelSelector?: { matches(labels: Record<string, string>): boolean };
  /** A parsed field selector (util/selectors.ts); its fields are checked against the kind's field labels. */
  fieldSelector?: {
    matches(obj: KubeObject, fieldLabels: Record<string, (o: KubeObject) => string>): boolean;
    terms?: ReadonlyArray<{ field: string }>;
  };
}
