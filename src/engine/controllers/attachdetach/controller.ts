import type { KubeObject } from '../../api/types.ts';
import { csiDriverSpec } from '../../api/kinds/csidriver.ts';
import { pvSpec } from '../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../api/kinds/persistentvolumeclaim.ts';
import { vaSpec, vaStatus } from '../../api/kinds/volumeattachment.ts';
import { isStatusError } from '../../api/types.ts';
import { sha256, toHex } from '../../network/proxy/sha256.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { podActive, podClaimNames } from '../persistentvolume/claims.ts';
import { keyOf, type Controller, type ControllerContext } from '../types.ts';

const source = { component: 'attachdetach-controller' };

/** The VolumeAttachment name the CSI attacher plugin uses: `csi-` + sha256(volume + driver + node). */
export function attachmentName(pvName: string, driver: string, node: string): string {
  return `csi-${toHex(sha256(pvName + driver + node))}`;
}

/**
 * The attach/detach controller (pkg/controller/volume/attachdetach) for CSI volumes: every scheduled,
 * running pod that uses a bound claim needs its volume attached to its node (a VolumeAttachment the driver's
 * attacher acts on); attachments no pod needs any more are deleted. A ReadWriteOnce volume attached to one
 * node cannot attach to another (Multi-Attach error) until it is detached there. Keys are volume names; pods
 * are found through a claim → pods index kept from pod events.
 */
export function attachDetachController(rt: ClusterRuntime): Controller {
  /** "ns/claim" → pod keys using it; pod key → its claim keys. */
  const podsByClaim = new Map<string, Set<string>>();
  const claimsOfPod = new Map<string, string[]>();
  /** pod uid + volume already reported as attached. */
  const reported = new Set<string>();

  const indexPod = (ev: StoreEvent): string[] => {
    const pod = ev.object;
    const ns = pod.metadata.namespace ?? 'default';
    const pk = keyOf(ns, pod.metadata.name!);
    const before = claimsOfPod.get(pk) ?? [];
    const after = ev.type === 'DELETED' ? [] : podClaimNames(pod).map((c) => keyOf(ns, c));
    if (before.length === 0 && after.length === 0) return [];
    for (const c of before) podsByClaim.get(c)?.delete(pk);
    for (const c of after) {
      let s = podsByClaim.get(c);
      if (!s) podsByClaim.set(c, (s = new Set()));
      s.add(pk);
    }
    if (after.length) claimsOfPod.set(pk, after);
    else claimsOfPod.delete(pk);
    const keys: string[] = [];
    for (const c of new Set([...before, ...after])) {
      const [cns, cname] = [c.slice(0, c.indexOf('/')), c.slice(c.indexOf('/') + 1)];
      const claim = rt.store.get('persistentvolumeclaims', cns, cname);
      const v = claim ? claimSpec(claim).volumeName : undefined;
      if (v) keys.push(v);
    }
    return keys;
  };

  return {
    name: 'attachdetach',
    watches: [
      { resource: 'pods', keys: indexPod },
      { resource: 'persistentvolumeclaims', keys: (ev) => [claimSpec(ev.object).volumeName ?? '', claimSpec(ev.oldObject ?? ev.object).volumeName ?? ''].filter(Boolean) },
      { resource: 'persistentvolumes', keys: (ev) => [ev.object.metadata.name!] },
      { resource: 'volumeattachments', keys: (ev) => [vaSpec(ev.object).source?.persistentVolumeName ?? ''].filter(Boolean) },
    ],
    start(ctx) {
      for (const p of ctx.store.list('pods')) indexPod({ type: 'ADDED', resource: 'pods', object: p, resourceVersion: 0 });
    },
    reconcile(pvName, ctx) {
      reconcileVolume(ctx, pvName, podsByClaim, reported);
    },
  };
}

function attachRequired(ctx: ControllerContext, driver: string): boolean {
  const d = ctx.store.get('csidrivers', undefined, driver);
  return d ? csiDriverSpec(d).attachRequired !== false : true;
}

function reconcileVolume(ctx: ControllerContext, pvName: string, podsByClaim: Map<string, Set<string>>, reported: Set<string>): void {
  const pv = ctx.store.get('persistentvolumes', undefined, pvName);
  const atts = ctx.store.list('volumeattachments').filter((va) => vaSpec(va).source?.persistentVolumeName === pvName);
  const driver = pv ? pvSpec(pv).csi?.driver : undefined;
  // Desired: node → pods that need the volume there.
  const desired = new Map<string, KubeObject[]>();
  const ref = pv ? pvSpec(pv).claimRef : undefined;
  if (pv && driver && ref?.name && attachRequired(ctx, driver)) {
    for (const pk of podsByClaim.get(keyOf(ref.namespace, ref.name)) ?? []) {
      const [ns, name] = [pk.slice(0, pk.indexOf('/')), pk.slice(pk.indexOf('/') + 1)];
      const pod = ctx.store.get('pods', ns, name);
      const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
      if (!pod || !node || !podActive(pod)) continue;
      const claim = ctx.store.get('persistentvolumeclaims', ns, ref.name);
      if (!claim || claimSpec(claim).volumeName !== pvName) continue;
      const list = desired.get(node) ?? [];
      list.push(pod);
      desired.set(node, list);
    }
  }
  // Detach what no pod needs.
  for (const va of atts) {
    if (va.metadata.deletionTimestamp || desired.has(vaSpec(va).nodeName ?? '')) continue;
    try {
      ctx.api.delete('volumeattachments', undefined, va.metadata.name!);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
  if (!pv || !driver) return;
  const modes = pvSpec(pv).accessModes ?? [];
  const exclusive = !modes.includes('ReadWriteMany') && !modes.includes('ReadOnlyMany');
  for (const [node, pods] of [...desired].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mine = atts.find((va) => vaSpec(va).nodeName === node && !va.metadata.deletionTimestamp);
    if (mine) {
      if (!vaStatus(mine).attached) continue;
      for (const pod of pods) {
        const k = `${pod.metadata.uid}/${pvName}`;
        if (reported.has(k)) continue;
        reported.add(k);
        ctx.events.normal(pod, 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${pvName}" `, source);
      }
      continue;
    }
    const elsewhere = atts.filter((va) => vaSpec(va).nodeName !== node);
    if (exclusive && elsewhere.length > 0) {
      for (const pod of pods) ctx.events.warning(pod, 'FailedAttachVolume', multiAttachMessage(pvName, pod, elsewhere, desired), source);
      continue;
    }
    try {
      ctx.api.create({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: { name: attachmentName(pvName, driver, node), annotations: { 'csi.alpha.kubernetes.io/node-id': node } },
        spec: { attacher: driver, nodeName: node, source: { persistentVolumeName: pvName } },
      });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}

/** reportMultiAttachError: the pods on other nodes that use the volume, by name when in the same namespace. */
function multiAttachMessage(pvName: string, pod: KubeObject, elsewhere: KubeObject[], desired: Map<string, KubeObject[]>): string {
  const others: KubeObject[] = [];
  for (const va of elsewhere) others.push(...(desired.get(vaSpec(va).nodeName ?? '') ?? []));
  const head = `Multi-Attach error for volume "${pvName}" `;
  if (others.length === 0) return `${head}Volume is already exclusively attached to one node and can't be attached to another`;
  const same = others.filter((o) => o.metadata.namespace === pod.metadata.namespace).map((o) => o.metadata.name!).sort();
  const otherNs = others.length - same.length;
  if (same.length === 0) return `${head}Volume is already used by ${otherNs} pod(s) in different namespaces`;
  let msg = `${head}Volume is already used by pod(s) ${same.join(', ')}`;
  if (otherNs > 0) msg += ` and ${otherNs} pod(s) in different namespaces`;
  return msg;
}
