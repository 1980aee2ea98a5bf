import type { KubeObject } from '../../../api/types.ts';
import { isStatusError } from '../../../api/types.ts';
import type { PersistentVolumeSpec } from '../../../api/kinds/persistentvolume.ts';
import { annBoundByController, annSelectedNode } from '../../../controllers/persistentvolume/helpers.ts';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, PreScorePlugin, ReservePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { errorStatus, SKIP, unresolvable, WAIT } from '../../framework/status.ts';
import { VolumeBinding } from '../../names.ts';
import type { PodInfo } from '../../podinfo.ts';
import { findPodVolumes, volumesForClaims, type PodVolumes } from './binder.ts';
import { podHasClaimVolumes, podVolumeClaims, type PodVolumeClaims } from './claims.ts';
import { localVolumeNodeNames } from './topology.ts';
import { checkBindings, type PendingBindings } from './check.ts';

export const ErrUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
/** VolumeBindingArgs.bindTimeoutSeconds default. */
export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;

interface StateData {
  claims: PodVolumeClaims;
  /** Candidate volumes for the pod's unbound claims (listed once per cycle). */
  volumes: KubeObject[];
}
const stateKey = new StateKey<StateData>('PreFilter' + VolumeBinding);

/**
 * VolumeBinding (framework/plugins/volumebinding).
 * PreFilter: Skip for pods without claims; a missing, terminating or Lost claim, or an unbound claim of an
 * Immediate class, rejects the pod everywhere; bound local volumes narrow the nodes.
 * Filter: FindPodVolumes on the node (volume node affinity, a volume to bind or a class to provision).
 * Reserve/Unreserve: assume the node's bindings so later pods do not take the same volumes.
 * PreBind (BindPodVolumes): write them — claimRef on matched volumes, `volume.kubernetes.io/selected-node` on
 * claims to provision — then wait, polled once a second for up to bindTimeoutSeconds, until the PersistentVolume
 * controller and the provisioner have bound every claim: only then is the pod bound (and `Scheduled`).
 * Score: only with the VolumeCapacityPriority gate (off in 1.32): PreScore says Skip.
 */
export function volumeBinding(h: Handle, args?: Record<string, unknown>): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & ReservePlugin & PreBindPlugin {
  const bindTimeoutMs = ((args?.bindTimeoutSeconds as number | undefined) ?? DEFAULT_BIND_TIMEOUT_SECONDS) * 1000;
  /** pod uid → what its PreBind wrote and now waits for. */
  const pending = new Map<string, PendingBindings>();
  /** pv name → "ns/claim" it is assumed for (Reserve until the API write lands). */
  const assumedVolumes = new Map<string, string>();
  /** pod uid → the bindings Reserve assumed for it. */
  const assumed = new Map<string, PodVolumes>();
  const claimKey = (c: KubeObject) => `${c.metadata.namespace}/${c.metadata.name}`;
  const taken = (pv: string, claim: KubeObject) => {
    const k = assumedVolumes.get(pv);
    return k !== undefined && k !== claimKey(claim);
  };
  const nodeInfo = (name: string) => {
    const i = h.nodes.indexOf(name);
    return { name, labels: (i >= 0 ? h.nodes.labels[i] : {}) as Record<string, string> };
  };
  const release = (uid: string) => {
    const pv = assumed.get(uid);
    if (!pv) return;
    for (const b of pv.staticBindings) assumedVolumes.delete(b.pv.metadata.name!);
    assumed.delete(uid);
  };
  /** Filter again for the chosen node: the bindings to assume (Reserve runs with a fresh cycle state). */
  const bindingsFor = (pod: PodInfo, node: string): PodVolumes | string | undefined => {
    if (!podHasClaimVolumes(pod.spec)) return undefined;
    const claims = podVolumeClaims(h, pod);
    if (typeof claims === 'string') return claims;
    if (claims.delayed.length === 0) return undefined;
    const r = findPodVolumes(h, claims, nodeInfo(node), volumesForClaims(h, claims.delayed), taken);
    if ('error' in r) return r.error;
    return r.volumes ?? r.reasons.join(', ');
  };
  return {
    name: VolumeBinding,
    events: ClusterEvent.Volume | ClusterEvent.NodeAdd | ClusterEvent.NodeLabel | ClusterEvent.NodeTaint,
    preFilter(state, pod) {
      if (!podHasClaimVolumes(pod.spec)) return { status: SKIP };
      const claims = podVolumeClaims(h, pod);
      if (typeof claims === 'string') return { status: unresolvable(VolumeBinding, claims) };
      if (claims.immediate > 0) return { status: unresolvable(VolumeBinding, ErrUnboundImmediate) };
      state.write(stateKey, { claims, volumes: claims.delayed.length ? volumesForClaims(h, claims.delayed) : [] });
      let eligible: Set<string> | undefined;
      for (const pvc of claims.bound) {
        const pv = h.store.get('persistentvolumes', undefined, (pvc.spec as { volumeName: string }).volumeName);
        if (!pv) return undefined;
        const names = localVolumeNodeNames(pv);
        if (!names) continue;
        eligible = eligible ? new Set([...eligible].filter((n) => names.has(n))) : names;
      }
      return eligible ? { result: { nodeNames: eligible } } : undefined;
    },
    filter(state, _pod, nodes, i) {
      const s = state.read(stateKey);
      if (!s) return undefined;
      const name = nodes.names[i];
      const r = findPodVolumes(h, s.claims, { name, labels: nodes.labels[i] as Record<string, string> }, s.volumes, taken);
      if ('error' in r) return errorStatus(VolumeBinding, r.error);
      return r.reasons.length ? unresolvable(VolumeBinding, ...r.reasons) : undefined;
    },
    preScore() {
      return SKIP;
    },
    score() {
      return 0;
    },
    reserve(_state, pod, node) {
      const b = bindingsFor(pod, node);
      if (b === undefined) return undefined;
      if (typeof b === 'string') return errorStatus(VolumeBinding, b);
      for (const x of b.staticBindings) assumedVolumes.set(x.pv.metadata.name!, claimKey(x.claim));
      assumed.set(pod.uid, b);
      return undefined;
    },
    unreserve(_state, pod) {
      pending.delete(pod.uid);
      release(pod.uid);
    },
    preBind(_state, pod, node) {
      const b = assumed.get(pod.uid);
      if (!b) return undefined;
      pending.delete(pod.uid);
      try {
        for (const { pv, claim } of b.staticBindings) {
          h.api.modify('persistentvolumes', undefined, pv.metadata.name!, (o) => {
            const spec = o.spec as PersistentVolumeSpec;
            if (spec.claimRef && spec.claimRef.uid && spec.claimRef.uid !== claim.metadata.uid) throw new Error(`volume "${pv.metadata.name}" already bound to a different claim`);
            (o.metadata.annotations ??= {})[annBoundByController] = 'yes';
            spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion };
          });
        }
        for (const claim of b.dynamicProvisions) {
          if (claim.metadata.annotations?.[annSelectedNode] === node) continue;
          h.api.modify('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!, (o) => {
            (o.metadata.annotations ??= {})[annSelectedNode] = node;
          });
        }
      } catch (e) {
        return errorStatus(VolumeBinding, isStatusError(e) || e instanceof Error ? e.message : String(e));
      } finally {
        release(pod.uid);
      }
      if (b.staticBindings.length === 0 && b.dynamicProvisions.length === 0) return undefined;
      pending.set(pod.uid, {
        bindings: b.staticBindings.map((x) => ({ pv: x.pv.metadata.name!, claim: claimKey(x.claim) })),
        provisions: b.dynamicProvisions.map(claimKey),
      });
      return WAIT;
    },
    preBindCheck(_state, pod, node, elapsedMs) {
      const p = pending.get(pod.uid);
      if (!p) return errorStatus(VolumeBinding, `no pod volumes found for node "${node}"`);
      const r = elapsedMs >= bindTimeoutMs ? 'context deadline exceeded' : checkBindings(h, p, node);
      if (r === false) return WAIT;
      pending.delete(pod.uid);
      return r === true ? undefined : errorStatus(VolumeBinding, `binding volumes: ${r}`);
    },
  };
}
