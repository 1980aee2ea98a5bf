import type { KubeObject } from '../../api/types.ts';
import type { Condition } from './health.ts';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

/** nodetopology.GetZoneKey: region and zone labels joined by ":\x00:" ("" when the node has neither). */
export function zoneKeyOf(node: KubeObject): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/** ComputeZoneState with the default unhealthy-zone threshold (0.55). */
export function computeZoneState(conditions: Array<Condition | undefined>): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const c of conditions) {
    if (c && c.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= 0.55) return 'PartialDisruption';
  return 'Normal';
}
