import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';

/** The claims a pod's volumes name (persistentVolumeClaim volumes; generic ephemeral volumes as `<pod>-<volume>`). */
export function podClaimNames(pod: KubeObject): string[] {
  const spec = (pod as unknown as Pod).spec;
  const out: string[] = [];
  for (const v of spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** A pod that still counts as using its volumes: not Succeeded/Failed (podIsShutDown is close enough). */
export function podActive(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}
