import * as names from '../names.ts';

/** kubescheduler.config.k8s.io/v1 shapes (the parts Kubelab reads). */
export interface PluginRef {
  name: string;
  weight?: number;
}
export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}
export const EXTENSION_POINTS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];
export type Plugins = Partial<Record<ExtensionPoint | 'multiPoint', PluginSet>>;
export interface PluginConfig {
  name: string;
  args?: Record<string, unknown>;
}
export interface ProfileConfig {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: PluginConfig[];
}
export interface SchedulerConfiguration {
  apiVersion?: string;
  kind?: string;
  parallelism?: number;
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: ProfileConfig[];
}

export const API_VERSION = 'kubescheduler.config.k8s.io/v1';

/** The default profile's multiPoint plugins in 1.32 (apis/config/v1/default_plugins.go), with score weights. */
export const DEFAULT_MULTIPOINT: PluginRef[] = [
  { name: names.SchedulingGates },
  { name: names.PrioritySort },
  { name: names.NodeUnschedulable },
  { name: names.NodeName },
  { name: names.TaintToleration, weight: 3 },
  { name: names.NodeAffinity, weight: 2 },
  { name: names.NodePorts },
  { name: names.NodeResourcesFit, weight: 1 },
  { name: names.VolumeRestrictions },
  { name: names.NodeVolumeLimits },
  { name: names.VolumeBinding },
  { name: names.VolumeZone },
  { name: names.PodTopologySpread, weight: 2 },
  { name: names.InterPodAffinity, weight: 2 },
  { name: names.DefaultPreemption },
  { name: names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: names.ImageLocality, weight: 1 },
  { name: names.DefaultBinder },
];

/** Default plugin arguments as kube-scheduler prints them in its effective configuration. */
export function defaultArgs(): Record<string, Record<string, unknown>> {
  return {
    DefaultPreemption: { apiVersion: API_VERSION, kind: 'DefaultPreemptionArgs', minCandidateNodesAbsolute: 100, minCandidateNodesPercentage: 10 },
    InterPodAffinity: { apiVersion: API_VERSION, kind: 'InterPodAffinityArgs', hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false },
    NodeAffinity: { apiVersion: API_VERSION, kind: 'NodeAffinityArgs' },
    NodeResourcesBalancedAllocation: { apiVersion: API_VERSION, kind: 'NodeResourcesBalancedAllocationArgs', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    NodeResourcesFit: {
      apiVersion: API_VERSION,
      kind: 'NodeResourcesFitArgs',
      scoringStrategy: { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }], type: 'LeastAllocated' },
    },
    PodTopologySpread: { apiVersion: API_VERSION, kind: 'PodTopologySpreadArgs', defaultingType: 'System' },
    VolumeBinding: { apiVersion: API_VERSION, kind: 'VolumeBindingArgs', bindTimeoutSeconds: 600 },
  };
}
