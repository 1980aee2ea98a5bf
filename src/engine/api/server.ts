import type { VirtualClock } from '../clock/clock.ts';
import { clone, cloneReusing, ObjectStore } from '../store/store.ts';
import { deepEqual } from '../util/equal.ts';
import type { Rng } from '../util/rng.ts';
import { alreadyExists, conflict, forbidden, invalid, notFound, badRequest } from './errors.ts';
import { validateObjectMeta } from './validation/meta.ts';
import { builtinAdmission } from './admission/index.ts';
import { evictPod, type EvictResult } from './eviction.ts';
import { defaultFieldLabels, SelectorError } from '../util/selectors.ts';
import type { ResourceRegistry } from './registry.ts';
import { apiVersionOf, StatusError, type FieldError, type KubeObject, type ResourceType } from './types.ts';

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

/**
 * The API server: the only path by which anything (kubectl, controllers, the scheduler, kubelets) changes
 * cluster state. It applies defaulting, validation and admission, assigns metadata (uid, resourceVersion,
 * generation, timestamps), enforces optimistic concurrency, and implements graceful deletion and finalizers.
 */
export class ApiServer {
  readonly admission: AdmissionPlugin[] = builtinAdmission();
  /**
   * The client request being served (set around each kubectl call): admission plugins add warnings (kubectl
   * prints `Warning: ...`) and audit annotations to it. Unset for in-engine writers (controllers, kubelets).
   */
  request: RequestContext | undefined;
  /**
   * Set by the control-plane model (controlplane/): why clients cannot be served right now — no apiserver
   * runs (`refused`) or etcd has lost quorum (`etcd-timeout`) — or undefined while the API serves. kubectl
   * checks it before talking to the server; in-engine components are not gated (see SIMPLIFICATIONS.md).
   */
  unavailable?: () => 'refused' | 'etcd-timeout' | undefined;

  constructor(
    readonly registry: ResourceRegistry,
    readonly store: ObjectStore,
    private readonly clock: VirtualClock,
    private readonly rng: Rng,
  ) {}

  resource(kindOrPlural: string): ResourceType {
    const rt = this.registry.byPlural(kindOrPlural) ?? this.registry.byKind(kindOrPlural) ?? this.registry.lookup(kindOrPlural);
    if (!rt) throw new StatusError(404, 'NotFound', `the server doesn't have a resource type "${kindOrPlural}"`);
    return rt;
  }

  /** Five characters of the alphabet generated names use (as utilrand.String(5)). */
  randomSuffix(): string {
    return this.rng.string(5);
  }

  /** Read one object (the stored instance: read-only). Throws NotFound. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject {
    const rt = this.resource(resource);
    const o = this.store.get(rt.plural, rt.namespaced ? namespace : undefined, name);
    if (!o) throw notFound(rt, name);
    return o;
  }

  /** Read one object or undefined (the stored instance: read-only). */
  tryGet(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const rt = this.resource(resource);
    return this.store.get(rt.plural, rt.namespaced ? namespace : undefined, name);
  }

  /**
   * List objects (stored instances: read-only), filtered by selectors, sorted by namespace then name.
   * A field selector naming a field the kind does not index fails as the apiserver does (400
   * `field label not supported: <field>`).
   */
  list(resource: string, namespace?: string, opts: ListOptions = {}): KubeObject[] {
    const rt = this.resource(resource);
    const fs = opts.fieldSelector;
    const labels = rt.fieldLabels ?? defaultFieldLabels;
    for (const t of fs?.terms ?? []) {
      if (!(t.field in labels)) throw badRequest(new SelectorError(`field label not supported: ${t.field}`).message);
    }
    let items = this.store.list(rt.plural, rt.namespaced ? namespace : undefined);
    const ls = opts.labelSelector;
    if (ls) items = items.filter((o) => ls.matches(o.metadata.labels ?? {}));
    if (fs) items = items.filter((o) => fs.matches(o, labels));
    return items;
  }

  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const rt = this.typeOf(input);
    const obj = opts.owned ? input : clone(input);
    toStoredVersion(rt, obj);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    const meta = (obj.metadata ??= {});
    if (rt.namespaced) meta.namespace ||= 'default';
    rt.decode?.(obj);
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.string(5);
    const name = meta.name ?? '';

    if (rt.namespaced && meta.namespace) this.checkNamespaceWritable(rt, meta.namespace, name);
    // Server-assigned fields a client cannot set on create.
    for (const k of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) delete meta[k];
    meta.creationTimestamp = this.clock.timestamp();
    if (rt.uidBeforeValidate) meta.uid = this.rng.uuid();
    rt.defaults?.(obj);
    rt.prepareForCreate?.(obj);

    const attrs: AdmissionAttributes = {
      operation: 'CREATE',
      resource: rt,
      namespace: meta.namespace ?? '',
      name,
      object: obj,
      dryRun: !!opts.dryRun,
      subresource: '',
    };
    for (const p of this.admission) p.mutate?.(attrs, this);
    this.validate(rt, obj, undefined, '');
    for (const p of this.admission) p.validate?.(attrs, this);

    if (this.store.get(rt.plural, meta.namespace, name)) throw alreadyExists(rt, name);
    if (!rt.uidBeforeValidate) meta.uid = this.rng.uuid();
    if (tracksGeneration(rt)) meta.generation = 1;
    if (opts.dryRun) return obj;
    this.store.put(rt.plural, obj);
    return obj;
  }

  /**
   * Replace an object (PUT). `input.metadata.resourceVersion`, when set, must match the stored one.
   * Through the main resource, status changes are ignored for kinds with a status subresource; through
   * `subresource: 'status'`, only status (and labels, annotations, finalizers) change.
   */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const rt = this.typeOf(input);
    const ns = rt.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.store.get(rt.plural, ns, name);
    if (!old) throw notFound(rt, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name);

    let obj: KubeObject;
    if (opts.subresource === 'status') {
      // Status writes take only status (and labels, annotations, finalizers) from the input. Nothing below
      // mutates spec or status in place, so the new version shares what did not change with the stored one
      // (stored objects are immutable); only the top level and metadata are fresh copies.
      obj = { ...old, metadata: { ...old.metadata } };
      if (input.status === undefined) delete obj.status;
      else obj.status = opts.owned ? input.status : cloneReusing(input.status, old.status);
      for (const k of ['labels', 'annotations', 'finalizers'] as const) {
        if (input.metadata?.[k] === undefined) delete obj.metadata[k];
        else (obj.metadata as Record<string, unknown>)[k] = cloneReusing(input.metadata[k], old.metadata[k]);
      }
    } else {
      obj = opts.owned ? input : clone(input);
      toStoredVersion(rt, obj);
      obj.apiVersion = apiVersionOf(rt);
      obj.kind = rt.kind;
      rt.decode?.(obj);
    }
    if (opts.subresource !== 'status' && rt.hasStatus) {
      if (old.status === undefined) delete obj.status;
      else obj.status = clone(old.status);
    }
    const meta = (obj.metadata ??= {});
    meta.namespace = ns;
    if (!ns) delete meta.namespace;
    // Server-managed metadata carries over.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (old.metadata[k] === undefined) delete meta[k];
      else (meta as Record<string, unknown>)[k] = old.metadata[k];
    }
    if (old.metadata.generateName && !meta.generateName) meta.generateName = old.metadata.generateName;
    if (opts.subresource !== 'status') {
      rt.defaults?.(obj);
      rt.prepareForUpdate?.(obj, old);
    }

    const attrs: AdmissionAttributes = {
      operation: 'UPDATE',
      resource: rt,
      namespace: ns ?? '',
      name,
      object: obj,
      oldObject: old,
      dryRun: !!opts.dryRun,
      subresource: opts.subresource ?? '',
    };
    for (const p of this.admission) p.mutate?.(attrs, this);
    this.validate(rt, obj, old, opts.subresource ?? '');
    for (const p of this.admission) p.validate?.(attrs, this);

    if (tracksGeneration(rt) && opts.subresource !== 'status') {
      const specOf = rt.specOf ?? ((o: KubeObject) => o.spec);
      if (!deepEqual(specOf(obj), specOf(old))) meta.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (opts.dryRun) return obj;
    // Removing the last finalizer of an object whose deletion is due (grace 0) completes the deletion.
    if (this.finalizersDone(rt, obj, old)) {
      this.store.remove(rt.plural, ns, name);
      return obj;
    }
    if (deepEqual(obj, old)) return old;
    this.store.put(rt.plural, obj);
    return obj;
  }

  /** Read-modify-write helper for in-engine writers: `mutate` edits a private copy; retried never (single-threaded). */
  modify(resource: string, namespace: string | undefined, name: string, mutate: (o: KubeObject) => void, opts: WriteOptions = {}): KubeObject {
    const cur = clone(this.get(resource, namespace, name));
    mutate(cur);
    return this.update(cur, { ...opts, owned: true });
  }

  /**
   * Bind a pod to a node (POST pods/NAME/binding), as the scheduler does: sets spec.nodeName and the
   * PodScheduled condition. Fails if the pod is already bound or being deleted.
   */
  bind(namespace: string, name: string, nodeName: string, opts: { dryRun?: boolean } = {}): KubeObject {
    const rt = this.resource('pods');
    const old = this.store.get('pods', namespace, name);
    if (!old) throw notFound(rt, name);
    if (old.metadata.deletionTimestamp) {
      throw new StatusError(500, 'InternalError', `Internal error occurred: pod ${name} is being deleted, cannot be assigned to a host`);
    }
    const spec = old.spec as { nodeName?: string } | undefined;
    if (spec?.nodeName) {
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${spec.nodeName}"`);
    }
    // Only spec.nodeName and the conditions change: the rest is shared with the stored (immutable) version.
    const oldStatus = (old.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
    const conds = (oldStatus.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.timestamp() });
    const obj: KubeObject = {
      ...old,
      metadata: { ...old.metadata },
      spec: { ...(old.spec as object), nodeName },
      status: { ...oldStatus, conditions: conds },
    };
    if (opts.dryRun) return obj;
    this.store.put('pods', obj);
    return obj;
  }

  /** POST pods/NAME/eviction (api/eviction.ts): delete a pod unless a PodDisruptionBudget forbids it. */
  evict(namespace: string, name: string, opts: { dryRun?: boolean; gracePeriodSeconds?: number } = {}): EvictResult {
    return evictPod(this, namespace, name, { ...opts, nowMs: this.clock.now(), now: this.clock.timestamp() });
  }

  /** Write status through the status subresource. */
  updateStatus(obj: KubeObject, opts: { dryRun?: boolean; owned?: boolean } = {}): KubeObject {
    return this.update(obj, { subresource: 'status', dryRun: opts.dryRun, owned: opts.owned });
  }

  /**
   * The namespaces/finalize subresource: replace `spec.finalizers` of a namespace (the namespace controller
   * calls it with [] once the namespace is empty). A terminating namespace with no spec or metadata
   * finalizers left is removed.
   */
  finalizeNamespace(name: string, finalizers: string[], opts: { dryRun?: boolean } = {}): KubeObject {
    const rt = this.resource('namespaces');
    const old = this.store.get('namespaces', undefined, name);
    if (!old) throw notFound(rt, name);
    const obj = clone(old);
    obj.spec = { ...((obj.spec as object | undefined) ?? {}), finalizers: [...finalizers] };
    if (finalizers.length === 0) (obj.spec as { finalizers?: string[] }).finalizers = [];
    const errs = rt.validate?.(obj, { old, operation: 'UPDATE', subresource: 'finalize' }) ?? [];
    if (errs.length > 0) throw invalid(rt, name, errs);
    if (opts.dryRun) return obj;
    if (old.metadata.deletionTimestamp && finalizers.length === 0 && (obj.metadata.finalizers ?? []).length === 0) {
      this.store.remove('namespaces', undefined, name);
      return obj;
    }
    if (deepEqual(obj, old)) return old;
    this.store.put('namespaces', obj);
    return obj;
  }

  /**
   * Delete (DELETE). Pods bound to a node get graceful deletion: the deletionTimestamp is set and the kubelet
   * finishes the job with a grace-0 delete. Objects with finalizers are marked and removed when the
   * finalizers are gone. Namespaces go Terminating until the namespace controller finalizes them.
   * Returns the object as it stands after the call (with deletionTimestamp when deletion is pending).
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const rt = this.resource(resource);
    const ns = rt.namespaced ? namespace || 'default' : undefined;
    const old = this.store.get(rt.plural, ns, name);
    if (!old) throw notFound(rt, name);
    if (opts.uid && opts.uid !== old.metadata.uid) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedName(rt)} "${name}": Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    const obj = clone(old);
    const meta = obj.metadata;
    const attrs: AdmissionAttributes = {
      operation: 'DELETE',
      resource: rt,
      namespace: ns ?? '',
      name,
      object: obj,
      oldObject: old,
      dryRun: !!opts.dryRun,
      subresource: '',
    };
    for (const p of this.admission) p.validate?.(attrs, this);

    const finalizers = propagationFinalizers(meta.finalizers ?? [], opts.propagationPolicy);
    const finalizersChanged = finalizers.join('\0') !== (meta.finalizers ?? []).join('\0');
    if (finalizers.length > 0) meta.finalizers = finalizers;
    else delete meta.finalizers;

    if (rt.plural === 'namespaces') return this.deleteNamespace(obj, old, !!opts.dryRun);

    // Graceful deletion (pods): the strategy's grace period, or the requested one.
    let grace = 0;
    if (rt.plural === 'pods') {
      const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
      grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
      const phase = (obj.status as { phase?: string } | undefined)?.phase;
      // Unbound pods and finished pods need no kubelet cooperation.
      if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      if (grace < 0) grace = 1;
    }

    if (meta.deletionTimestamp) {
      // Already being deleted: only a shorter grace period changes anything.
      const current = meta.deletionGracePeriodSeconds ?? 0;
      if (rt.plural === 'pods' && current > 0 && opts.gracePeriodSeconds !== undefined && grace < current) {
        if (opts.dryRun) return obj;
        if (grace === 0 && finalizers.length === 0) {
          this.store.remove(rt.plural, ns, name);
          return obj;
        }
        const due = Date.parse(meta.deletionTimestamp) - current * 1000 + grace * 1000;
        meta.deletionTimestamp = this.clock.timestamp(due);
        meta.deletionGracePeriodSeconds = grace;
        this.store.put(rt.plural, obj);
        return obj;
      }
      if (current === 0 && finalizers.length === 0) {
        if (!opts.dryRun) this.store.remove(rt.plural, ns, name);
        return obj;
      }
      if (finalizersChanged && !opts.dryRun) this.store.put(rt.plural, obj);
      return finalizersChanged ? obj : old;
    }

    if (grace === 0 && finalizers.length === 0) {
      if (!opts.dryRun) this.store.remove(rt.plural, ns, name);
      return obj;
    }
    meta.deletionTimestamp = this.clock.timestamp(this.clock.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    // markAsDeleting bumps the generation of kinds that track it (non-graceful deletion with finalizers).
    if (grace === 0 && (meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
    if (opts.dryRun) return obj;
    this.store.put(rt.plural, obj);
    return obj;
  }

  /** Check the object's kind is served; throws the kubectl-visible error when not. */
  typeOf(obj: KubeObject): ResourceType {
    if (!obj || typeof obj !== 'object') throw badRequest('Object is not a valid API object');
    const rt = this.registry.forKind(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
    if (!rt) {
      throw new StatusError(404, 'NotFound', `the server could not find the requested resource`, { kind: String(obj.kind ?? '') });
    }
    return rt;
  }

  private deleteNamespace(obj: KubeObject, old: KubeObject, dryRun: boolean): KubeObject {
    const meta = obj.metadata;
    const specFinalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!old.metadata.deletionTimestamp) {
      // The first delete starts termination; the namespace controller empties and finalizes it.
      meta.deletionTimestamp = this.clock.timestamp();
      meta.deletionGracePeriodSeconds = 0;
      obj.status = { ...((obj.status as object | undefined) ?? {}), phase: 'Terminating' };
      if (dryRun) return obj;
      this.store.put('namespaces', obj);
      return obj;
    }
    if (specFinalizers.length > 0) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on namespaces "${meta.name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
        { name: meta.name, kind: 'namespaces' },
      );
    }
    if ((meta.finalizers ?? []).length === 0) {
      if (!dryRun) this.store.remove('namespaces', undefined, meta.name!);
      return obj;
    }
    if (!dryRun && !deepEqual(obj, old)) this.store.put('namespaces', obj);
    return obj;
  }

  /** True when an update empties the finalizers of an object whose deletion is otherwise complete. */
  private finalizersDone(rt: ResourceType, obj: KubeObject, old: KubeObject): boolean {
    if (!old.metadata.deletionTimestamp || (obj.metadata.finalizers ?? []).length > 0) return false;
    if ((old.metadata.deletionGracePeriodSeconds ?? 0) !== 0) return false;
    if (rt.plural === 'namespaces') return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0;
    return true;
  }

  private validate(rt: ResourceType, obj: KubeObject, old: KubeObject | undefined, subresource: string): void {
    const ctx = { old, operation: old ? ('UPDATE' as const) : ('CREATE' as const), subresource };
    const errs: FieldError[] = [...validateObjectMeta(rt, obj, old), ...(rt.validate?.(obj, ctx) ?? [])];
    if (errs.length > 0) throw invalid(rt, obj.metadata?.name ?? '', errs);
  }

  private checkNamespaceWritable(rt: ResourceType, namespace: string, name: string): void {
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw new StatusError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    if (ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw forbidden(rt, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }
}

function tracksGeneration(rt: ResourceType): boolean {
  return rt.tracksGeneration === true;
}

function qualifiedName(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** The finalizers a delete leaves on the object for the given propagation policy (Orphan / Foreground). */
function propagationFinalizers(current: string[], policy: DeleteOptions['propagationPolicy']): string[] {
  const out = current.filter((f) => {
    if (policy === 'Orphan') return f !== 'foregroundDeletion';
    if (policy === 'Foreground' || policy === 'Background') return f !== 'orphan' && (policy === 'Background' ? f !== 'foregroundDeletion' : true);
    return true;
  });
  if (policy === 'Orphan' && !out.includes('orphan')) out.push('orphan');
  if (policy === 'Foreground' && !out.includes('foregroundDeletion')) out.push('foregroundDeletion');
  return out;
}

/** Convert an object sent in another served version of its kind (ResourceType.alternateVersions) to the stored one. */
function toStoredVersion(rt: ResourceType, obj: KubeObject): void {
  if (!rt.alternateVersions || !obj.apiVersion || obj.apiVersion === apiVersionOf(rt)) return;
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  rt.alternateVersions.find((a) => a.version === version)?.toStored(obj);
}
