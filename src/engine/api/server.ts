import type { VirtualClock } from '../clock/clock.ts';
import { clone, ObjectStore } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import { alreadyExists, conflict, forbidden, invalid, notFound, badRequest } from './errors.ts';
import { validateObjectMeta } from './validation/meta.ts';
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
  fieldSelector?: { matches(obj: KubeObject, fieldLabels: Record<string, (o: KubeObject) => string>): boolean };
}

/**
 * The API server: the only path by which anything (kubectl, controllers, the scheduler, kubelets) changes
 * cluster state. It applies defaulting, validation and admission, assigns metadata (uid, resourceVersion,
 * generation, timestamps), enforces optimistic concurrency, and implements graceful deletion and finalizers.
 */
export class ApiServer {
  readonly admission: AdmissionPlugin[] = [];

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

  /** List objects (stored instances: read-only), filtered by selectors, sorted by namespace then name. */
  list(resource: string, namespace?: string, opts: ListOptions = {}): KubeObject[] {
    const rt = this.resource(resource);
    let items = this.store.list(rt.plural, rt.namespaced ? namespace : undefined);
    const ls = opts.labelSelector;
    if (ls) items = items.filter((o) => ls.matches(o.metadata.labels ?? {}));
    const fs = opts.fieldSelector;
    if (fs) items = items.filter((o) => fs.matches(o, rt.fieldLabels ?? {}));
    return items;
  }

  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const rt = this.typeOf(input);
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    const meta = (obj.metadata ??= {});
    if (rt.namespaced) meta.namespace ||= 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.string(5);
    const name = meta.name ?? '';

    if (rt.namespaced) this.checkNamespaceWritable(rt, meta.namespace!, name);
    // Server-assigned fields a client cannot set on create.
    for (const k of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) delete meta[k];
    meta.creationTimestamp = this.clock.timestamp();
    if (rt.hasStatus !== false && 'status' in obj && rt.prepareForCreate === undefined) delete obj.status;
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
    meta.uid = this.rng.uuid();
    if (tracksGeneration(rt)) meta.generation = 1;
    if (opts.dryRun) return obj;
    this.store.put(rt.plural, obj);
    return obj;
  }

  /**
   * Replace an object (PUT). `input.metadata.resourceVersion`, when set, must match the stored one.
   * Through the main resource, status changes are ignored for kinds with a status subresource; through
   * `subresource: 'status'`, only status changes.
   */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const rt = this.typeOf(input);
    const ns = rt.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.store.get(rt.plural, ns, name);
    if (!old) throw notFound(rt, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name);

    let obj = clone(input);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    if (opts.subresource === 'status') {
      obj = { ...clone(old), status: obj.status };
    } else if (rt.hasStatus) {
      if (old.status === undefined) delete obj.status;
      else obj.status = clone(old.status);
    }
    const meta = obj.metadata;
    meta.namespace = ns;
    if (!ns) delete meta.namespace;
    // Immutable server-managed metadata carries over.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (!meta.deletionTimestamp) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    if (old.metadata.generateName && !meta.generateName) meta.generateName = old.metadata.generateName;
    if (opts.subresource !== 'status') rt.defaults?.(obj);
    rt.prepareForUpdate?.(obj, old);

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
    if (meta.deletionTimestamp && !old.metadata.deletionTimestamp) {
      throw badRequest('deletionTimestamp cannot be set by update');
    }

    if (tracksGeneration(rt)) {
      const specOf = rt.specOf ?? ((o: KubeObject) => o.spec);
      const changed = JSON.stringify(specOf(obj)) !== JSON.stringify(specOf(old));
      meta.generation = (old.metadata.generation ?? 1) + (changed && opts.subresource !== 'status' ? 1 : 0);
    }
    if (opts.dryRun) return obj;
    // Removing the last finalizer of an object that is being deleted completes the deletion.
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0 && !isGracefulPod(rt, obj)) {
      this.store.remove(rt.plural, ns, name);
      return obj;
    }
    if (JSON.stringify(obj) === JSON.stringify({ ...old, metadata: { ...old.metadata } })) return old;
    this.store.put(rt.plural, obj);
    return obj;
  }

  /** Read-modify-write helper for in-engine writers: `mutate` edits a private copy; retried never (single-threaded). */
  modify(resource: string, namespace: string | undefined, name: string, mutate: (o: KubeObject) => void, opts: WriteOptions = {}): KubeObject {
    const cur = clone(this.get(resource, namespace, name));
    mutate(cur);
    return this.update(cur, opts);
  }

  /**
   * Bind a pod to a node (POST pods/NAME/binding), as the scheduler does: sets spec.nodeName and the
   * PodScheduled condition. Fails if the pod is already bound.
   */
  bind(namespace: string, name: string, nodeName: string): KubeObject {
    const rt = this.resource('pods');
    const old = this.store.get('pods', namespace, name);
    if (!old) throw notFound(rt, name);
    if (old.metadata.deletionTimestamp) throw conflict(rt, name);
    const spec = old.spec as { nodeName?: string } | undefined;
    if (spec?.nodeName) {
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${spec.nodeName}"`);
    }
    const obj = clone(old);
    (obj.spec as { nodeName?: string }).nodeName = nodeName;
    const status = (obj.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
    const conds = (status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.timestamp() });
    status.conditions = conds;
    this.store.put('pods', obj);
    return obj;
  }

  /** Write status through the status subresource. */
  updateStatus(obj: KubeObject): KubeObject {
    return this.update(obj, { subresource: 'status' });
  }

  /**
   * Delete (DELETE). Pods bound to a node get graceful deletion: the deletionTimestamp is set and the kubelet
   * finishes the job. Objects with finalizers are marked and removed when the finalizers are gone.
   * Returns the object as it stands after the call (with deletionTimestamp when deletion is pending).
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const rt = this.resource(resource);
    const ns = rt.namespaced ? namespace || 'default' : undefined;
    const old = this.store.get(rt.plural, ns, name);
    if (!old) throw notFound(rt, name);
    if (opts.uid && opts.uid !== old.metadata.uid) {
      throw new StatusError(409, 'Conflict', `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    const obj = clone(old);
    const meta = obj.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = opts.propagationPolicy;
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Orphan') finalizers.add('orphan');

    let grace = 0;
    if (rt.plural === 'pods') {
      const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
      grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
      const phase = (obj.status as { phase?: string } | undefined)?.phase;
      // Unbound pods and finished pods need no kubelet cooperation.
      if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    }
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
    if (opts.dryRun) return obj;

    if (finalizers.size === 0 && grace === 0 && !(meta.deletionTimestamp && rt.plural === 'pods' && opts.gracePeriodSeconds === undefined)) {
      this.store.remove(rt.plural, ns, name);
      return obj;
    }
    if (meta.deletionTimestamp) {
      // Already terminating: a shorter grace period may still shorten it; otherwise nothing changes.
      if (rt.plural === 'pods' && grace < (meta.deletionGracePeriodSeconds ?? Infinity)) {
        if (grace === 0 && finalizers.size === 0) {
          this.store.remove(rt.plural, ns, name);
          return obj;
        }
        meta.deletionGracePeriodSeconds = grace;
        this.store.put(rt.plural, obj);
      } else if (finalizers.size !== (meta.finalizers ?? []).length) {
        meta.finalizers = [...finalizers];
        this.store.put(rt.plural, obj);
      }
      return obj;
    }
    meta.deletionTimestamp = this.clock.timestamp(this.clock.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (finalizers.size > 0) meta.finalizers = [...finalizers];
    if (tracksGeneration(rt)) meta.generation = (meta.generation ?? 1) + 1;
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
  return rt.specOf !== undefined || ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Namespace', 'Service'].includes(rt.kind);
}

function isGracefulPod(rt: ResourceType, obj: KubeObject): boolean {
  return rt.plural === 'pods' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
}
