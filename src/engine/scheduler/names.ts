/** Plugin names, as upstream's `names.go`: the strings users see in configuration and in explanations. */
export const PrioritySort = 'PrioritySort';
export const SchedulingGates = 'SchedulingGates';
export const NodeUnschedulable = 'NodeUnschedulable';
export const NodeName = 'NodeName';
export const TaintToleration = 'TaintToleration';
export const NodeAffinity = 'NodeAffinity';
export const NodeResourcesFit = 'NodeResourcesFit';
export const NodeResourcesBalancedAllocation = 'NodeResourcesBalancedAllocation';
export const DefaultPreemption = 'DefaultPreemption';
export const DefaultBinder = 'DefaultBinder';
export const NodePorts = 'NodePorts';
export const ImageLocality = 'ImageLocality';
export const InterPodAffinity = 'InterPodAffinity';
export const PodTopologySpread = 'PodTopologySpread';
export const VolumeBinding = 'VolumeBinding';
export const VolumeRestrictions = 'VolumeRestrictions';
