import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { parseQuantity } from '../util/quantity.ts';
import { isScalarResource, type Resources } from './podinfo.ts';

/** What a pod contributes to its node: real requests (for fit) and non-zero requests (for scoring). */
export interface PodUsage {
  node: string;
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
}

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const NO_TAINTS: readonly Taint[] = Object.freeze([]);

function allocatableOf(node: KubeObject): Record<string, string> {
  return ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<string, string>;
}

function value(q: string | undefined, milli = false): number {
  if (q === undefined) return 0;
  try {
    const p = parseQuantity(q);
    return milli ? p.milliValue : p.value;
  } catch {
    return 0;
  }
}

const NO_IMAGES: ReadonlyMap<string, number> = new Map();

function imagesOf(list: unknown): ReadonlyMap<string, number> {
  if (!Array.isArray(list) || list.length === 0) return NO_IMAGES;
  const m = new Map<string, number>();
  for (const img of list as Array<{ names?: string[]; sizeBytes?: number }>) {
    for (const n of img.names ?? []) m.set(n, img.sizeBytes ?? 0);
  }
  return m;
}

/**
 * The scheduler's node state as a struct of arrays: slot i of every array describes node `names[i]`.
 * Allocatable and requested CPU (millicores), memory and ephemeral storage (bytes) and pod counts live in typed
 * arrays, so Filter and Score plugins read them by index without touching objects or allocating.
 *
 * The table is kept current incrementally from store events (see informer.ts): nodes added, changed or removed,
 * and pods bound, finished or deleted. Removing a node moves the last node into its slot, so indices are stable
 * only within one scheduling cycle.
 */
export class NodeTable {
  count = 0;
  private capacity = 0;
  /**
   * Node names by index. Appended to in place; a removal replaces the array (copy on write), so a list taken
   * earlier still names the nodes by the indices it was taken with (scheduling records keep it).
   */
  names: string[] = [];
  /** The stored Node objects (read-only). */
  readonly nodes: KubeObject[] = [];
  private readonly index = new Map<string, number>();

  allocCPU = new Float64Array(0);
  allocMem = new Float64Array(0);
  allocEph = new Float64Array(0);
  allocPods = new Int32Array(0);
  reqCPU = new Float64Array(0);
  reqMem = new Float64Array(0);
  reqEph = new Float64Array(0);
  nonZeroCPU = new Float64Array(0);
  nonZeroMem = new Float64Array(0);
  podCount = new Int32Array(0);
  unschedulable = new Uint8Array(0);
  /** Extended resources and hugepages per node, only where a node or its pods have any. */
  allocScalar: Array<Map<string, number> | undefined> = [];
  reqScalar: Array<Map<string, number> | undefined> = [];
  /** Labels and taints per node (the node object's own, read-only). */
  labels: Array<Readonly<Record<string, string>>> = [];
  taints: Array<readonly Taint[]> = [];
  /** Nodes with spec.unschedulable, and nodes with any taint: filters that can only reject such nodes pass every node while these are 0. */
  unschedulableCount = 0;
  taintedCount = 0;
  /** Image sizes per node by every name the node lists (node.status.images), for ImageLocality. */
  images: Array<ReadonlyMap<string, number>> = [];
  /** How many nodes hold each image name (upstream's ImageStateSummary.NumNodes). */
  readonly imageNodes = new Map<string, number>();
  private imageLists: unknown[] = [];
  /** Bumped whenever a node's labels, or the set of nodes, change: label columns are rebuilt after. */
  private labelsVersion = 0;
  private readonly columns = new Map<string, { version: number; values: Array<string | undefined> }>();

  /**
   * One label's value per node index (undefined where the node lacks it), rebuilt only after labels or
   * nodes changed: plugins reading a topology key on every node index an array instead of label objects.
   */
  labelColumn(key: string): ReadonlyArray<string | undefined> {
    let c = this.columns.get(key);
    if (c && c.version === this.labelsVersion) return c.values;
    const values: Array<string | undefined> = new Array(this.count);
    for (let i = 0; i < this.count; i++) values[i] = this.labels[i][key];
    if (!c) this.columns.set(key, (c = { version: this.labelsVersion, values }));
    c.version = this.labelsVersion;
    c.values = values;
    return values;
  }

  /** Pods counted on nodes, by uid; and the uids per node name (nodes may join after their pods were bound). */
  private readonly usage = new Map<string, PodUsage>();
  private readonly podsByNode = new Map<string, Set<string>>();

  constructor(initialCapacity = 16) {
    this.grow(initialCapacity);
  }

  indexOf(name: string): number {
    return this.index.get(name) ?? -1;
  }

  hasPod(uid: string): boolean {
    return this.usage.has(uid);
  }

  /** Add or refresh a node from its stored object. Returns its index. */
  setNode(node: KubeObject): number {
    const name = node.metadata.name!;
    let i = this.index.get(name);
    if (i === undefined) {
      if (this.count === this.capacity) this.grow(this.capacity * 2);
      i = this.count++;
      this.index.set(name, i);
      this.names[i] = name;
      this.unschedulable[i] = 0;
      this.taints[i] = NO_TAINTS;
      this.clearUsage(i);
      for (const uid of this.podsByNode.get(name) ?? []) this.apply(i, this.usage.get(uid)!, 1);
    }
    this.nodes[i] = node;
    const alloc = allocatableOf(node);
    this.allocCPU[i] = value(alloc.cpu, true);
    this.allocMem[i] = value(alloc.memory);
    this.allocEph[i] = value(alloc['ephemeral-storage']);
    this.allocPods[i] = value(alloc.pods);
    let scalars: Map<string, number> | undefined;
    for (const [k, q] of Object.entries(alloc)) if (isScalarResource(k)) (scalars ??= new Map()).set(k, value(q));
    this.allocScalar[i] = scalars;
    const spec = (node.spec ?? {}) as NonNullable<Node['spec']>;
    const unschedulable = spec.unschedulable ? 1 : 0;
    this.unschedulableCount += unschedulable - this.unschedulable[i];
    this.unschedulable[i] = unschedulable;
    const labels = node.metadata.labels ?? EMPTY_LABELS;
    if (this.labels[i] !== labels) {
      this.labels[i] = labels;
      this.labelsVersion++;
    }
    const taints = spec.taints ?? NO_TAINTS;
    this.taintedCount += (taints.length > 0 ? 1 : 0) - (this.taints[i].length > 0 ? 1 : 0);
    this.taints[i] = taints;
    const imageList = (node.status as { images?: unknown } | undefined)?.images;
    if (this.imageLists[i] !== imageList || !this.images[i]) {
      this.countImages(i, -1);
      this.imageLists[i] = imageList;
      this.images[i] = imagesOf(imageList);
      this.countImages(i, 1);
    }
    return i;
  }

  private countImages(i: number, sign: 1 | -1): void {
    const m = this.images[i];
    if (!m) return;
    for (const name of m.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n <= 0) this.imageNodes.delete(name);
      else this.imageNodes.set(name, n);
    }
  }

  /** Remove a node; its pods stay recorded and count again if a node of that name returns. */
  removeNode(name: string): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    const last = this.count - 1;
    this.labelsVersion++;
    this.countImages(i, -1);
    this.unschedulableCount -= this.unschedulable[i];
    if (this.taints[i].length > 0) this.taintedCount--;
    this.index.delete(name);
    this.names = this.names.slice(0, this.count);
    if (i !== last) this.moveSlot(last, i);
    this.count--;
    this.names.length = this.count;
    this.nodes.length = this.count;
    this.labels.length = this.count;
    this.taints.length = this.count;
    this.images.length = this.count;
    this.imageLists.length = this.count;
    this.allocScalar.length = this.count;
    this.reqScalar.length = this.count;
  }

  /** Count a pod on its node (idempotent per uid: a pod moving or resizing is re-counted). */
  addPod(uid: string, u: PodUsage): void {
    this.removePod(uid);
    this.usage.set(uid, u);
    let set = this.podsByNode.get(u.node);
    if (!set) this.podsByNode.set(u.node, (set = new Set()));
    set.add(uid);
    const i = this.index.get(u.node);
    if (i !== undefined) this.apply(i, u, 1);
  }

  removePod(uid: string): PodUsage | undefined {
    const u = this.usage.get(uid);
    if (!u) return undefined;
    this.usage.delete(uid);
    const set = this.podsByNode.get(u.node);
    set?.delete(uid);
    if (set && set.size === 0) this.podsByNode.delete(u.node);
    const i = this.index.get(u.node);
    if (i !== undefined) this.apply(i, u, -1);
    return u;
  }

  /** Uids of the pods counted on a node. */
  podsOn(name: string): ReadonlySet<string> {
    return this.podsByNode.get(name) ?? new Set();
  }

  usageOf(uid: string): PodUsage | undefined {
    return this.usage.get(uid);
  }

  private apply(i: number, u: PodUsage, sign: 1 | -1): void {
    this.reqCPU[i] += sign * u.requests.milliCPU;
    this.reqMem[i] += sign * u.requests.memory;
    this.reqEph[i] += sign * u.requests.ephemeralStorage;
    this.nonZeroCPU[i] += sign * u.nonZero.milliCPU;
    this.nonZeroMem[i] += sign * u.nonZero.memory;
    this.podCount[i] += sign;
    if (u.requests.scalars) {
      const m = (this.reqScalar[i] ??= new Map());
      for (const [k, x] of u.requests.scalars) m.set(k, (m.get(k) ?? 0) + sign * x);
    }
  }

  private clearUsage(i: number): void {
    this.reqCPU[i] = 0;
    this.reqMem[i] = 0;
    this.reqEph[i] = 0;
    this.nonZeroCPU[i] = 0;
    this.nonZeroMem[i] = 0;
    this.podCount[i] = 0;
    this.reqScalar[i] = undefined;
  }

  private moveSlot(from: number, to: number): void {
    for (const a of this.arrays()) a[to] = a[from];
    this.names[to] = this.names[from];
    this.nodes[to] = this.nodes[from];
    this.labels[to] = this.labels[from];
    this.taints[to] = this.taints[from];
    this.images[to] = this.images[from];
    this.imageLists[to] = this.imageLists[from];
    this.allocScalar[to] = this.allocScalar[from];
    this.reqScalar[to] = this.reqScalar[from];
    this.index.set(this.names[to], to);
  }

  private arrays(): Array<Float64Array | Int32Array | Uint8Array> {
    return [this.allocCPU, this.allocMem, this.allocEph, this.allocPods, this.reqCPU, this.reqMem, this.reqEph, this.nonZeroCPU, this.nonZeroMem, this.podCount, this.unschedulable];
  }

  private grow(capacity: number): void {
    const n = Math.max(capacity, 16);
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.allocCPU = f(this.allocCPU);
    this.allocMem = f(this.allocMem);
    this.allocEph = f(this.allocEph);
    this.allocPods = i32(this.allocPods);
    this.reqCPU = f(this.reqCPU);
    this.reqMem = f(this.reqMem);
    this.reqEph = f(this.reqEph);
    this.nonZeroCPU = f(this.nonZeroCPU);
    this.nonZeroMem = f(this.nonZeroMem);
    this.podCount = i32(this.podCount);
    const u = new Uint8Array(n);
    u.set(this.unschedulable);
    this.unschedulable = u;
    this.capacity = n;
  }
}
