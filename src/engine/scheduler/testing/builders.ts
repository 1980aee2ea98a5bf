import type { Pod, Taint, Toleration, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { NodeTable } from '../nodetable.ts';
import { podInfo, type PodInfo } from '../podinfo.ts';

/**
 * Small fluent fixtures for scheduler tests, after upstream's st.MakePod()/st.MakeNode() wrappers:
 * `makePod('web').req({ cpu: '100m' }).obj()`.
 */
type Spec = Mut<NonNullable<Pod['spec']>>;

let uidCounter = 0;

export class PodBuilder {
  private o: { apiVersion: string; kind: string; metadata: Mut<KubeObject['metadata']>; spec: Spec; status: Record<string, unknown> };
  constructor(name: string) {
    this.o = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: `uid-${name}-${uidCounter++}` },
      spec: { containers: [] },
      status: { phase: 'Pending' },
    };
  }
  namespace(ns: string): this {
    this.o.metadata.namespace = ns;
    return this;
  }
  uid(uid: string): this {
    this.o.metadata.uid = uid;
    return this;
  }
  label(k: string, v: string): this {
    (this.o.metadata.labels ??= {})[k] = v;
    return this;
  }
  /** Add a container with these requests. */
  req(requests: Record<string, string>, limits?: Record<string, string>): this {
    const n = this.o.spec.containers.length;
    this.o.spec.containers.push({ name: `c${n}`, image: 'nginx', resources: limits ? { requests, limits } : { requests } });
    return this;
  }
  container(): this {
    this.o.spec.containers.push({ name: `c${this.o.spec.containers.length}`, image: 'nginx' });
    return this;
  }
  initReq(requests: Record<string, string>, restartPolicy?: 'Always'): this {
    const n = (this.o.spec.initContainers ??= []).length;
    this.o.spec.initContainers.push({ name: `i${n}`, image: 'busybox', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });
    return this;
  }
  overhead(o: Record<string, string>): this {
    this.o.spec.overhead = o;
    return this;
  }
  node(name: string): this {
    this.o.spec.nodeName = name;
    return this;
  }
  priority(p: number): this {
    this.o.spec.priority = p;
    return this;
  }
  preemptionPolicy(p: 'Never' | 'PreemptLowerPriority'): this {
    this.o.spec.preemptionPolicy = p;
    return this;
  }
  toleration(t: Toleration): this {
    (this.o.spec.tolerations ??= []).push(t as Mut<Toleration>);
    return this;
  }
  nodeSelector(sel: Record<string, string>): this {
    this.o.spec.nodeSelector = sel;
    return this;
  }
  requiredAffinity(...terms: NodeSelectorTerm[]): this {
    const aff = ((this.o.spec.affinity ??= {}).nodeAffinity ??= {});
    aff.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms as Mut<NodeSelectorTerm>[] };
    return this;
  }
  preferredAffinity(...terms: PreferredSchedulingTerm[]): this {
    const aff = ((this.o.spec.affinity ??= {}).nodeAffinity ??= {});
    aff.preferredDuringSchedulingIgnoredDuringExecution = terms as Mut<PreferredSchedulingTerm>[];
    return this;
  }
  schedulingGates(...names: string[]): this {
    this.o.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  phase(p: string): this {
    this.o.status.phase = p;
    return this;
  }
  /** The pod as JSON. Like upstream's st.MakePod(), a pod built without req()/container() has no containers. */
  obj(): KubeObject {
    return JSON.parse(JSON.stringify(this.o)) as KubeObject;
  }
  info(): PodInfo {
    return podInfo(this.obj());
  }
}

export class NodeBuilder {
  private o: { apiVersion: string; kind: string; metadata: Mut<KubeObject['metadata']>; spec: Record<string, unknown>; status: { allocatable: Record<string, string>; capacity: Record<string, string> } };
  constructor(name: string) {
    this.o = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' }, capacity: {} },
    };
  }
  capacity(c: Record<string, string>): this {
    this.o.status.allocatable = { ...c };
    this.o.status.capacity = { ...c };
    return this;
  }
  label(k: string, v: string): this {
    this.o.metadata.labels![k] = v;
    return this;
  }
  taint(t: Taint): this {
    ((this.o.spec.taints ??= []) as Taint[]).push(t);
    return this;
  }
  unschedulable(): this {
    this.o.spec.unschedulable = true;
    return this;
  }
  obj(): KubeObject {
    return JSON.parse(JSON.stringify(this.o)) as KubeObject;
  }
}

export const makePod = (name: string) => new PodBuilder(name);
export const makeNode = (name: string) => new NodeBuilder(name);

/** A node table holding `nodes`, with `pods` (each with spec.nodeName) counted on their nodes. */
export function tableOf(nodes: KubeObject[], pods: KubeObject[] = []): NodeTable {
  const t = new NodeTable();
  for (const n of nodes) t.setNode(n);
  for (const p of pods) {
    const info = podInfo(p);
    t.addPod(info.uid, { node: info.spec.nodeName!, requests: info.requests, nonZero: info.nonZero });
  }
  return t;
}
