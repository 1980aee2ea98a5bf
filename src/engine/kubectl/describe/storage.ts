/** describePersistentVolume, describePersistentVolumeClaim, StorageClassDescriber (describe.go). */
import type { Pod } from 'kubernetes-types/core/v1';
import { pvSpec, pvStatus, type PersistentVolumeSpec } from '../../api/kinds/persistentvolume.ts';
import { claimSpec, claimStatus } from '../../api/kinds/persistentvolumeclaim.ts';
import { isDefaultClass, scOf } from '../../api/kinds/storageclass.ts';
import type { KubeObject } from '../../api/types.ts';
import { accessModesAsString, claimClass, volumeClass } from '../../controllers/persistentvolume/helpers.ts';
import { registerDescriber } from './registry.ts';
import { describeEvents, eventsFor, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, since, type DescribeContext } from './writer.ts';

/** Go's %v of a []string: `[a b]`. */
const goList = (l: readonly string[] | undefined) => `[${(l ?? []).join(' ')}]`;

function formatMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

function status(o: KubeObject, phase: string | undefined, nowMs: number): string {
  if (o.metadata.deletionTimestamp) return `Terminating (lasts ${since(o.metadata.deletionTimestamp, nowMs)})`;
  return phase ?? '';
}

function printNodeAffinity(w: PrefixWriter, spec: PersistentVolumeSpec): void {
  const req = spec.nodeAffinity?.required as { nodeSelectorTerms?: Array<{ matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> }> } | undefined;
  if (!req) {
    w.write(0, 'Node Affinity:\t<none>\n');
    return;
  }
  w.write(0, 'Node Affinity:\t\n');
  const terms = req.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.write(1, 'Required Terms:\t<none>\n');
    return;
  }
  w.write(1, 'Required Terms:\t\n');
  terms.forEach((t, i) => {
    const exprs = t.matchExpressions ?? [];
    w.write(2, `Term ${i}:\t`);
    if (exprs.length === 0) w.write(0, '<none>\n');
    exprs.forEach((e, j) => {
      if (j !== 0) w.write(2, '\t');
      const vals = e.values?.length ? ` [${e.values.join(', ')}]` : '';
      w.write(0, `${e.key} ${e.operator.toLowerCase()}${vals}\n`);
    });
  });
}

function printSource(w: PrefixWriter, spec: PersistentVolumeSpec): void {
  if (spec.hostPath) {
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec.nfs) {
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`);
  } else if (spec.local) {
    w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else if (spec.csi) {
    const c = spec.csi;
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver}\n    FSType:\t${c.fsType ?? ''}\n    VolumeHandle:\t${c.volumeHandle}\n    ReadOnly:\t${!!c.readOnly}\n`);
    const attrs = c.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(2, 'VolumeAttributes:\t');
    if (keys.length === 0) w.write(0, '<none>\n');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(2, '\t');
      const line = `${k}=${attrs[k]}`;
      w.write(0, line.length > 200 ? `${line.slice(0, 200)}...\n` : `${line}\n`);
    });
  } else {
    w.write(1, '<unknown>\n');
  }
}

function describePersistentVolume(pv: KubeObject, ctx: DescribeContext): string {
  const spec = pvSpec(pv);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${volumeClass(pv)}\n`);
  w.write(0, `Status:\t${status(pv, pvStatus(pv).phase, ctx.nowMs)}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  printNodeAffinity(w, spec);
  w.write(0, `Message:\t${pvStatus(pv).message ?? ''}\n`);
  w.write(0, 'Source:\n');
  printSource(w, spec);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, pv), ctx.nowMs);
  return w.done();
}

function describePersistentVolumeClaim(pvc: KubeObject, ctx: DescribeContext): string {
  const spec = claimSpec(pvc);
  const st = claimStatus(pvc);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(0, `Status:\t${status(pvc, st.phase, ctx.nowMs)}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(0, `Capacity:\t${bound ? st.capacity?.storage ?? '0' : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesAsString(st.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  const users = ctx.api
    .list('pods', pvc.metadata.namespace)
    .filter((p) => ((p as unknown as Pod).spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name || (v.ephemeral && `${p.metadata.name}-${v.name}` === pvc.metadata.name)))
    .map((p) => p.metadata.name!)
    .sort();
  w.write(0, 'Used By:\t');
  if (users.length === 0) w.write(0, '<none>\n');
  users.forEach((u, i) => w.write(0, i === 0 ? `${u}\n` : `\t${u}\n`));
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, pvc), ctx.nowMs);
  return w.done();
}

function describeStorageClass(sc: KubeObject, ctx: DescribeContext): string {
  const s = scOf(sc);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatMap(sc.metadata.annotations)}\n`);
  w.write(0, `Provisioner:\t${s.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatMap(s.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${s.allowVolumeExpansion === undefined ? '<unset>' : s.allowVolumeExpansion ? 'True' : 'False'}\n`);
  if (!s.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of s.mountOptions) w.write(1, `${o}\n`);
  }
  if (s.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${s.reclaimPolicy}\n`);
  if (s.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${s.volumeBindingMode}\n`);
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.api, sc), ctx.nowMs);
  return w.done();
}

registerDescriber('PersistentVolume', describePersistentVolume);
registerDescriber('PersistentVolumeClaim', describePersistentVolumeClaim);
registerDescriber('StorageClass', describeStorageClass);
