import type { PodTone } from './podStatus.ts';

/** The graph model's output types: plain data, positioned, no React or React Flow. */

export interface ContainerChip {
  name: string;
  /** `init` for init containers, `sidecar` for `istio-proxy` (and restartable init containers), else `app`. */
  role: 'init' | 'app' | 'sidecar';
  /** running / waiting / terminated (failed) / done (init finished, or exited 0). */
  state: 'running' | 'waiting' | 'failed' | 'done';
  ready: boolean;
}

export interface Highlight {
  /** Matches the search box. */
  matched?: boolean;
  /** A search is active and this does not match it. */
  dimmed?: boolean;
}

export interface PodCardData extends Highlight {
  kind: 'pod';
  name: string;
  /** The node the pod is bound to (`spec.nodeName`), empty while unscheduled. */
  nodeName: string;
  namespace: string;
  status: string;
  tone: PodTone;
  ready: string;
  restarts: number;
  containers: ContainerChip[];
  /** Being deleted (drawn fading). */
  terminating: boolean;
  /** The cluster's own pod (control plane, kube-proxy, CNI, CoreDNS): drawn dimmed behind the learner's. */
  system?: boolean;
}

export interface ResourceBar {
  /** `cpu` or `memory`. */
  resource: string;
  /** Sum of the requests of the node's non-terminated pods, in millicores or bytes. */
  requested: number;
  allocatable: number;
  /** `450m / 4`, `1Gi / 8Gi`: for the bar's label. */
  text: string;
}

export interface ControlPlaneChip {
  /** kube-apiserver, etcd, kube-scheduler, kube-controller-manager. */
  name: string;
  /** True when this node holds the component's leader lease; undefined when there is no lease to read. */
  leader?: boolean;
}

export type PodCounts = Partial<Record<PodTone, number>>;

export interface NodeBoxData extends Highlight {
  kind: 'node' | 'unscheduled';
  name: string;
  /** `control-plane`, `<none>`... as kubectl's ROLES column. */
  roles: string;
  ready: boolean;
  /** Ready / NotReady / NotReady,SchedulingDisabled..., or "Waiting for a node" for the lane. */
  statusText: string;
  podCount: number;
  bars: ResourceBar[];
  components: ControlPlaneChip[];
  /** Level of detail: set when the box shows pod-count badges instead of pod cards. */
  collapsed?: PodCounts;
  /** Scheduling overlay for the selected pod, when one is shown. */
  verdict?: NodeVerdict;
}

export interface NodeVerdict {
  feasible: boolean;
  /** The first failing filter's reason, for infeasible nodes. */
  reason?: string;
  total?: number;
  /** 0..1 among feasible nodes (1 = best), for the heat colour. */
  heat?: number;
  selected?: boolean;
}

/** Services, Ingresses and workload owners drawn as cards outside node boxes. */
export interface ObjCardData extends Highlight {
  kind: 'obj';
  objKind: string;
  name: string;
  namespace: string;
  /** One line under the name: `ClusterIP 10.96.12.4 · 3 ready`, `3/3 ready`... */
  sub: string;
  tone: PodTone;
}

export interface GraphNode<D> {
  id: string;
  parentId?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  data: D;
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  /** endpoint: Service → ready Pod; backend: Ingress → Service; owner: owner → owned; trace: a request's hop. */
  kind: 'endpoint' | 'backend' | 'owner' | 'trace';
  /** Drawn bottom → top (a layered layout) rather than right → left. Owner edges always are. */
  vertical?: boolean;
}

export interface Topology {
  boxes: Array<GraphNode<NodeBoxData>>;
  pods: Array<GraphNode<PodCardData>>;
  cards: Array<GraphNode<ObjCardData>>;
  edges: TopologyEdge[];
}

export const UNSCHEDULED_ID = 'lane:unscheduled';

/** Graph ids: `pod:NS/NAME`, `node:NAME`, `obj:Kind:NS/NAME`. */
export function podId(namespace: string, name: string): string {
  return `pod:${namespace}/${name}`;
}
export function objId(kind: string, namespace: string, name: string): string {
  return `obj:${kind}:${namespace}/${name}`;
}
