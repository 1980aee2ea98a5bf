import type { VirtualClock } from '../clock/clock.ts';
import { clone, type ObjectStore } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import { badRequest, notFound } from './errors.ts';
import { builtinAdmission } from './admission/index.ts';
import { evictPod, type EvictResult } from './eviction.ts';
import { defaultFieldLabels, SelectorError } from '../util/selectors.ts';
import type { ResourceRegistry } from './registry.ts';
import type { AdmissionPlugin, DeleteOptions, ListOptions, RequestContext, WriteOptions } from './request.ts';
import { StatusError, type KubeObject, type ResourceType } from './types.ts';
import { bindPod } from './write/bind.ts';
import { createObject } from './write/create.ts';
import { deleteObject, finalizeNamespace } from './write/delete.ts';
import { updateObject } from './write/update.ts';

export type { AdmissionAttributes, AdmissionPlugin, DeleteOptions, ListOptions, Operation, RequestContext, WriteOptions } from './request.ts';

/**
 * The API server: the only path by which anything (kubectl, controllers, the scheduler, kubelets) changes
 * cluster state. It applies defaulting, validation and admission, assigns metadata (uid, resourceVersion,
 * generation, timestamps), enforces optimistic concurrency, and implements graceful deletion and finalizers.
 * This class holds the request context and the reads; the write paths live in `write/` (create, update and
 * status, delete and namespace finalization, pod binding).
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
    /** Server-assigned timestamps (creation, deletion, conditions it sets). */
    readonly clock: VirtualClock,
    /** Generated names and uids. */
    readonly rng: Rng,
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

  /** POST (write/create.ts). */
  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    return createObject(this, input, opts);
  }

  /**
   * Replace an object (PUT; write/update.ts). `input.metadata.resourceVersion`, when set, must match the
   * stored one. Through the main resource, status changes are ignored for kinds with a status subresource;
   * through `subresource: 'status'`, only status (and labels, annotations, finalizers) change.
   */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    return updateObject(this, input, opts);
  }

  /** Read-modify-write helper for in-engine writers: `mutate` edits a private copy; retried never (single-threaded). */
  modify(resource: string, namespace: string | undefined, name: string, mutate: (o: KubeObject) => void, opts: WriteOptions = {}): KubeObject {
    const cur = clone(this.get(resource, namespace, name));
    mutate(cur);
    return this.update(cur, { ...opts, owned: true });
  }

  /**
   * Bind a pod to a node (POST pods/NAME/binding; write/bind.ts), as the scheduler does: sets spec.nodeName
   * and the PodScheduled condition. Fails if the pod is already bound or being deleted.
   */
  bind(namespace: string, name: string, nodeName: string, opts: { dryRun?: boolean } = {}): KubeObject {
    return bindPod(this, namespace, name, nodeName, opts);
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
   * The namespaces/finalize subresource (write/delete.ts): replace `spec.finalizers` of a namespace (the
   * namespace controller calls it with [] once the namespace is empty). A terminating namespace with no spec
   * or metadata finalizers left is removed.
   */
  finalizeNamespace(name: string, finalizers: string[], opts: { dryRun?: boolean } = {}): KubeObject {
    return finalizeNamespace(this, name, finalizers, opts);
  }

  /**
   * Delete (DELETE; write/delete.ts). Pods bound to a node get graceful deletion: the deletionTimestamp is
   * set and the kubelet finishes the job with a grace-0 delete. Objects with finalizers are marked and
   * removed when the finalizers are gone. Namespaces go Terminating until the namespace controller finalizes
   * them. Returns the object as it stands after the call (with deletionTimestamp when deletion is pending).
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    return deleteObject(this, resource, namespace, name, opts);
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
}
