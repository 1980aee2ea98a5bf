import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { PluginFactory } from './framework/interfaces.ts';
import * as names from './names.ts';
import { balancedAllocation } from './plugins/balancedallocation/index.ts';
import { defaultBinder } from './plugins/defaultbinder/index.ts';
import { defaultPreemption } from './plugins/defaultpreemption/index.ts';
import { nodeAffinity } from './plugins/nodeaffinity/index.ts';
import { nodeName } from './plugins/nodename/index.ts';
import { nodeResourcesFit } from './plugins/noderesourcesfit/index.ts';
import { nodeUnschedulable } from './plugins/nodeunschedulable/index.ts';
import { prioritySort } from './plugins/prioritysort/index.ts';
import { schedulingGates } from './plugins/schedulinggates/index.ts';
import { taintToleration } from './plugins/tainttoleration/index.ts';
import { nodePorts } from './plugins/nodeports/index.ts';
import { imageLocality } from './plugins/imagelocality/index.ts';
import { podTopologySpread } from './plugins/podtopologyspread/index.ts';
import { interPodAffinity } from './plugins/interpodaffinity/index.ts';
import { volumeBinding } from './plugins/volumebinding/index.ts';
import { volumeRestrictions } from './plugins/volumerestrictions/index.ts';
import { nodeVolumeLimits } from './plugins/nodevolumelimits/index.ts';
import { volumeZone } from './plugins/volumezone/index.ts';

/** Every in-tree plugin by name (upstream's NewInTreeRegistry). Adding a plugin: a folder and a line here. */
export const registry: Record<string, PluginFactory> = {
  [names.PrioritySort]: prioritySort,
  [names.SchedulingGates]: schedulingGates,
  [names.NodeUnschedulable]: nodeUnschedulable,
  [names.NodeName]: nodeName,
  [names.TaintToleration]: taintToleration,
  [names.NodeAffinity]: nodeAffinity,
  [names.NodeResourcesFit]: nodeResourcesFit,
  [names.NodeResourcesBalancedAllocation]: balancedAllocation,
  [names.DefaultPreemption]: defaultPreemption,
  [names.DefaultBinder]: defaultBinder,
  [names.NodePorts]: nodePorts,
  [names.ImageLocality]: imageLocality,
  [names.VolumeRestrictions]: volumeRestrictions,
  [names.VolumeBinding]: volumeBinding,
  [names.NodeVolumeLimits]: nodeVolumeLimits,
  [names.VolumeZone]: volumeZone,
  [names.PodTopologySpread]: (h, args) =>
    podTopologySpread(h, args ? { defaultingType: (args.defaultingType as 'System' | 'List') ?? 'System', defaultConstraints: (args.defaultConstraints as TopologySpreadConstraint[]) ?? [] } : undefined),
  [names.InterPodAffinity]: (h, args) =>
    interPodAffinity(h, args ? { hardPodAffinityWeight: (args.hardPodAffinityWeight as number) ?? 1, ignorePreferredTermsOfExistingPods: !!args.ignorePreferredTermsOfExistingPods } : undefined),
};
