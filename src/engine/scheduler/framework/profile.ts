import * as names from '../names.ts';

/** One plugin of a profile; `weight` applies to its Score (default 1). */
export interface ProfilePlugin {
  name: string;
  weight?: number;
  /** Enabled only at these extension points (configured per point rather than multiPoint). */
  only?: ReadonlySet<string>;
  /** Extension points where "*" disabled the defaults but this multiPoint plugin was enabled again. */
  alsoAt?: Set<string>;
}

/**
 * A scheduler profile: plugins enabled at every extension point they implement (upstream's multiPoint
 * expansion), in order, and the share of nodes to score (0 = adaptive).
 */
export interface Profile {
  schedulerName: string;
  plugins: ProfilePlugin[];
  percentageOfNodesToScore: number;
  /** Per extension point: plugins disabled there ('*': every plugin not enabled there explicitly). */
  disabled?: Partial<Record<string, ReadonlySet<string> | '*'>>;
  /** Plugin arguments (pluginConfig) by plugin name. */
  args?: Record<string, Record<string, unknown>>;
}

/**
 * The default profile of kube-scheduler 1.32 (apis/config/v1/default_plugins.go), restricted to the plugins
 * Kubelab implements, in upstream's order, with upstream's score weights.
 */
export const defaultProfile: Profile = {
  schedulerName: 'default-scheduler',
  plugins: [
    { name: names.SchedulingGates },
    { name: names.PrioritySort },
    { name: names.NodeUnschedulable },
    { name: names.NodeName },
    { name: names.TaintToleration, weight: 3 },
    { name: names.NodeAffinity, weight: 2 },
    { name: names.NodePorts },
    { name: names.NodeResourcesFit, weight: 1 },
    { name: names.VolumeRestrictions },
    { name: names.VolumeBinding },
    { name: names.PodTopologySpread, weight: 2 },
    { name: names.InterPodAffinity, weight: 2 },
    { name: names.DefaultPreemption },
    { name: names.NodeResourcesBalancedAllocation, weight: 1 },
    { name: names.ImageLocality, weight: 1 },
    { name: names.DefaultBinder },
  ],
  percentageOfNodesToScore: 0,
};
