/**
 * Plugin argument validation (apis/config/validation/validation_pluginargs.go) for the arguments Kubelab
 * honours. Messages are field errors under `path`.
 */
export function validateArgs(plugin: string, args: Record<string, unknown>, path: string): string[] {
  const errs: string[] = [];
  switch (plugin) {
    case 'InterPodAffinity': {
      const w = args.hardPodAffinityWeight as number;
      if (typeof w !== 'number' || w < 0 || w > 100) errs.push(`${path}.hardPodAffinityWeight: Invalid value: ${JSON.stringify(w)}: not in valid range [0-100]`);
      break;
    }
    case 'NodeResourcesFit': {
      const st = (args.scoringStrategy ?? {}) as { type?: string; resources?: Array<{ name: string; weight: number }>; requestedToCapacityRatio?: { shape?: Array<{ utilization: number; score: number }> } };
      const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
      if (!types.includes(st.type ?? '')) {
        errs.push(`${path}.scoringStrategy.type: Unsupported value: ${JSON.stringify(st.type ?? '')}: supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"`);
      }
      (st.resources ?? []).forEach((r, k) => {
        if (!(r.weight >= 1 && r.weight <= 100)) errs.push(`${path}.scoringStrategy.resources[${k}].weight: Invalid value: ${r.weight}: resource weight of ${r.name} should be in range [1-100]`);
      });
      if (st.type === 'RequestedToCapacityRatio') {
        const shape = st.requestedToCapacityRatio?.shape ?? [];
        if (shape.length === 0) errs.push(`${path}.scoringStrategy.requestedToCapacityRatio.shape: Required value: at least one point must be specified`);
        shape.forEach((pt, k) => {
          if (pt.utilization < 0 || pt.utilization > 100) errs.push(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${k}].utilization: Invalid value: ${pt.utilization}: not in valid range [0-100]`);
          else if (k > 0 && pt.utilization <= shape[k - 1].utilization) errs.push(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${k}].utilization: Invalid value: ${pt.utilization}: utilization values must be sorted in increasing order`);
          if (pt.score < 0 || pt.score > 10) errs.push(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${k}].score: Invalid value: ${pt.score}: not in valid range [0-10]`);
        });
      }
      break;
    }
    case 'PodTopologySpread': {
      const t = args.defaultingType as string;
      if (t !== 'System' && t !== 'List') errs.push(`${path}.defaultingType: Unsupported value: ${JSON.stringify(t)}: supported values: "List", "System"`);
      const cs = (args.defaultConstraints ?? []) as Array<{ maxSkew?: number; topologyKey?: string; whenUnsatisfiable?: string; labelSelector?: unknown }>;
      if (t === 'System' && cs.length > 0) errs.push(`${path}.defaultingType: Invalid value: "System": when .defaultConstraints are not empty`);
      cs.forEach((c, k) => {
        const cp = `${path}.defaultConstraints[${k}]`;
        if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) errs.push(`${cp}.maxSkew: Invalid value: ${c.maxSkew ?? 0}: not in valid range (0, inf)`);
        if (!c.topologyKey) errs.push(`${cp}.topologyKey: Required value: can not be empty`);
        if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
          errs.push(`${cp}.whenUnsatisfiable: Unsupported value: ${JSON.stringify(c.whenUnsatisfiable ?? '')}: supported values: "DoNotSchedule", "ScheduleAnyway"`);
        }
        if (c.labelSelector) errs.push(`${cp}.labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod`);
      });
      break;
    }
    case 'DefaultPreemption': {
      const pct = args.minCandidateNodesPercentage as number;
      const abs = args.minCandidateNodesAbsolute as number;
      if (pct < 0 || pct > 100) errs.push(`${path}.minCandidateNodesPercentage: Invalid value: ${pct}: not in valid range [0, 100]`);
      if (abs < 0) errs.push(`${path}.minCandidateNodesAbsolute: Invalid value: ${abs}: not in valid range [0, inf)`);
      if (pct === 0 && abs === 0) errs.push(`${path}.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute`);
      break;
    }
    default:
      break;
  }
  return errs;
}
