import type { KubeObject } from '../../../api/types.ts';
import { pvSpec } from '../../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../../api/kinds/persistentvolumeclaim.ts';
import { volumeFitsNode } from '../../../controllers/persistentvolume/binder.ts';
import { annSelectedNode } from '../../../controllers/persistentvolume/helpers.ts';
import type { Handle } from '../../framework/interfaces.ts';
import { isFullyBound } from './claims.ts';

/** What PreBind asked for and now waits on: volumes given a claimRef, claims given a selected node. */
export interface PendingBindings {
  /** Volume name and the claim ("namespace/name") it was bound to. */
  bindings: Array<{ pv: string; claim: string }>;
  /** Claims ("namespace/name") sent to provisioning. */
  provisions: string[];
}

const splitKey = (k: string) => k.split('/') as [string, string];
const affinityError = (pv: string, node: string) => `pv "${pv}" node affinity doesn't match node "${node}": no matching NodeSelectorTerms`;

/**
 * checkBindings (volumebinding/binder.go): true when every volume PreBind bound has its claim fully bound, and
 * every claim sent to provisioning is fully bound to a volume the node can use; false to poll again; a string
 * when binding must fail and the pod be scheduled again (the provisioner removed the selected node, a volume
 * lost its claimRef, the node no longer fits).
 */
export function checkBindings(h: Handle, p: PendingBindings, nodeName: string): boolean | string {
  const i = h.nodes.indexOf(nodeName);
  if (i < 0) return `failed to get node "${nodeName}": node "${nodeName}" not found`;
  const node = { name: nodeName, labels: h.nodes.labels[i] as Record<string, string> };
  for (const b of p.bindings) {
    const pv = h.store.get('persistentvolumes', undefined, b.pv);
    if (!pv) return `failed to check binding: could not find v1.PersistentVolume "${b.pv}"`;
    const [ns, name] = splitKey(b.claim);
    const pvc = h.store.get('persistentvolumeclaims', ns, name);
    if (!pvc) return `failed to check binding: could not find v1.PersistentVolumeClaim "${b.claim}"`;
    if (!volumeFitsNode(pv, node)) return affinityError(b.pv, nodeName);
    const ref = pvSpec(pv).claimRef;
    if (!ref || !ref.uid) return `ClaimRef got reset for pv "${b.pv}"`;
    if (!isFullyBound(pvc)) return false;
  }
  for (const key of p.provisions) {
    const [ns, name] = splitKey(key);
    const pvc: KubeObject | undefined = h.store.get('persistentvolumeclaims', ns, name);
    if (!pvc) return `failed to check provisioning pvc: could not find v1.PersistentVolumeClaim "${key}"`;
    const ann = pvc.metadata.annotations;
    if (!ann) return `selectedNode annotation reset for PVC "${name}"`;
    if (ann[annSelectedNode] !== nodeName) return `provisioning failed for PVC "${name}"`;
    const volumeName = claimSpec(pvc).volumeName;
    if (volumeName) {
      const pv = h.store.get('persistentvolumes', undefined, volumeName);
      if (!pv) return false;
      if (!volumeFitsNode(pv, node)) return affinityError(volumeName, nodeName);
    }
    if (!isFullyBound(pvc)) return false;
  }
  return true;
}
