import type { Pod, Volume } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { pvSpec } from '../api/kinds/persistentvolume.ts';
import { claimSpec, claimStatus } from '../api/kinds/persistentvolumeclaim.ts';
import { ContainerFs } from '../images/fs.ts';
import { storageOf } from '../storage/backend.ts';
import { CsiDriver, DRIVER_NAME } from '../storage/driver.ts';
import type { PodWorker } from './worker.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { projectedToken } from '../auth/tokens.ts';

/** A volume set up for a pod: the tree its containers see at their mount paths. */
export interface MountedVolume {
  name: string;
  fs: ContainerFs;
  readOnly: boolean;
  /** For CSI volumes: the PV and its handle, so teardown can unpublish/unstage. */
  csi?: { pv: string; handle: string };
}

/** kubelet's WaitForAttachAndMount timeout (podAttachAndMountTimeout): after it, the pod gets a FailedMount summary. */
export const ATTACH_MOUNT_TIMEOUT_MS = 123_000;
/** Exponential back-off of failed mount operations (nestedpendingoperations): 500 ms doubling to 2m2s. */
const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 122_000;

type Problem = { kind: 'setup' | 'unattached' | 'process'; message: string };

function b64decode(s: string): string {
  try {
    return atob(s);
  } catch {
    return '';
  }
}

/**
 * The kubelet volume manager for one pod: sets up every volume before the sandbox starts (emptyDir per pod,
 * hostPath on the node, configMap/secret/projected/downwardAPI snapshots, PVC-backed volumes from the
 * storage backend once attached — NodeStageVolume and NodePublishVolume on the way), reports what blocks it
 * (FailedMount events), and tears CSI volumes down when the pod stops.
 */
export class PodVolumes {
  readonly mounted = new Map<string, MountedVolume>();
  private problems = new Map<string, Problem>();
  private retryMs = INITIAL_RETRY_MS;
  private retryTimer = false;
  private startedWaiting = -1;
  private summaryTimer = false;
  tornDown = false;

  constructor(private readonly w: PodWorker) {}

  private get rt() {
    return this.w.node.rt;
  }

  /** Try to set up everything not yet mounted; true when every volume is ready. */
  setUp(): boolean {
    const pod = this.w.pod() as unknown as Pod | undefined;
    if (!pod) return false;
    this.problems.clear();
    for (const v of pod.spec?.volumes ?? []) {
      if (this.mounted.has(v.name)) continue;
      const r = this.setUpOne(pod, v);
      if ('problem' in r) this.problems.set(v.name, r.problem);
      else this.mounted.set(v.name, r);
    }
    if (this.problems.size === 0) return true;
    if (this.startedWaiting < 0) this.startedWaiting = this.w.now();
    for (const [name, p] of this.problems) {
      if (p.kind === 'setup') this.w.event('Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${name}" : ${p.message}`);
    }
    this.armTimers();
    return false;
  }

  /** Retries with back-off (background: a pod stuck on a missing ConfigMap does not keep the lab busy). */
  private armTimers(): void {
    if (!this.retryTimer && [...this.problems.values()].some((p) => p.kind === 'setup')) {
      this.retryTimer = true;
      const ms = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      this.w.after(ms, () => {
        this.retryTimer = false;
        this.w.volumesChanged();
      }, false);
    }
    if (!this.summaryTimer) {
      this.summaryTimer = true;
      const due = Math.max(0, this.startedWaiting + ATTACH_MOUNT_TIMEOUT_MS - this.w.now());
      this.w.after(due, () => {
        this.summaryTimer = false;
        if (this.problems.size === 0 || this.w.terminating) return;
        this.w.event('Warning', 'FailedMount', this.summary());
        this.startedWaiting = this.w.now();
        this.armTimers();
      }, false);
    }
  }

  /** The kubelet's "Unable to attach or mount volumes" text. */
  summary(): string {
    const names = [...this.problems.keys()].sort();
    const unattached = names.filter((n) => this.problems.get(n)!.kind === 'unattached');
    const processing = names.filter((n) => this.problems.get(n)!.kind === 'process');
    const why = processing.length ? this.problems.get(processing[0])!.message : 'timed out waiting for the condition';
    return `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[${unattached.join(' ')}], failed to process volumes=[${processing.join(' ')}]: ${why}`;
  }

  private setUpOne(pod: Pod, v: Volume): MountedVolume | { problem: Problem } {
    const ns = pod.metadata?.namespace ?? 'default';
    const api = this.rt.api;
    const mk = (fs: ContainerFs, readOnly: boolean): MountedVolume => ({ name: v.name, fs, readOnly });
    const setupErr = (message: string) => ({ problem: { kind: 'setup' as const, message } });
    if (v.emptyDir) return mk(ContainerFs.empty(), false);
    if (v.hostPath) return mk(storageOf(this.rt).hostDir(this.w.node.name, v.hostPath.path), false);
    if (v.configMap) {
      const cm = api.tryGet('configmaps', ns, v.configMap.name ?? '');
      if (!cm) return v.configMap.optional ? mk(ContainerFs.empty(), true) : setupErr(`configmap "${v.configMap.name}" not found`);
      const fs = ContainerFs.empty();
      const err = project(fs, configMapData(cm), v.configMap.items, 'configmap references non-existent config key');
      return err ? setupErr(err) : mk(fs, true);
    }
    if (v.secret) {
      const s = api.tryGet('secrets', ns, v.secret.secretName ?? '');
      if (!s) return v.secret.optional ? mk(ContainerFs.empty(), true) : setupErr(`secret "${v.secret.secretName}" not found`);
      const fs = ContainerFs.empty();
      const err = project(fs, secretData(s), v.secret.items, 'secret references non-existent secret key');
      return err ? setupErr(err) : mk(fs, true);
    }
    if (v.downwardAPI) {
      const fs = ContainerFs.empty();
      for (const it of v.downwardAPI.items ?? []) fs.write(it.path, downward(pod, it.fieldRef?.fieldPath ?? ''));
      return mk(fs, true);
    }
    if (v.projected) {
      const fs = ContainerFs.empty();
      for (const src of v.projected.sources ?? []) {
        if (src.serviceAccountToken) fs.provide(src.serviceAccountToken.path, lazyToken(this.rt, pod, this.w.node.name, src.serviceAccountToken.expirationSeconds ?? 3607));
        if (src.configMap) {
          const cm = api.tryGet('configmaps', ns, src.configMap.name ?? '');
          if (!cm) {
            if (!src.configMap.optional) return setupErr(`configmap "${src.configMap.name}" not found`);
          } else project(fs, configMapData(cm), src.configMap.items, '');
        }
        if (src.secret) {
          const s = api.tryGet('secrets', ns, src.secret.name ?? '');
          if (!s && !src.secret.optional) return setupErr(`secret "${src.secret.name}" not found`);
          if (s) project(fs, secretData(s), src.secret.items, '');
        }
        if (src.downwardAPI) for (const it of src.downwardAPI.items ?? []) fs.write(it.path, downward(pod, it.fieldRef?.fieldPath ?? ''));
      }
      return mk(fs, true);
    }
    if (v.persistentVolumeClaim) return this.setUpClaim(pod, v, v.persistentVolumeClaim.claimName, !!v.persistentVolumeClaim.readOnly);
    if (v.ephemeral) return this.setUpClaim(pod, v, `${pod.metadata?.name}-${v.name}`, false);
    // Other in-tree sources (nfs, iscsi, …) inline in the pod: an empty tree of their own.
    return mk(ContainerFs.empty(), false);
  }

  private setUpClaim(pod: Pod, v: Volume, claimName: string, readOnly: boolean): MountedVolume | { problem: Problem } {
    const ns = pod.metadata?.namespace ?? 'default';
    const processErr = (message: string) => ({ problem: { kind: 'process' as const, message: `error processing PVC ${ns}/${claimName}: ${message}` } });
    const claim = this.rt.api.tryGet('persistentvolumeclaims', ns, claimName);
    if (!claim) return processErr(`failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`);
    const pvName = claimSpec(claim).volumeName;
    if (!pvName || claimStatus(claim).phase !== 'Bound') return processErr('PVC is not bound');
    const pv = this.rt.api.tryGet('persistentvolumes', undefined, pvName);
    if (!pv) return processErr(`failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found`);
    return this.setUpVolume(pod, v, pv, readOnly);
  }

  private setUpVolume(pod: Pod, v: Volume, pv: KubeObject, readOnly: boolean): MountedVolume | { problem: Problem } {
    const spec = pvSpec(pv);
    const backend = storageOf(this.rt);
    const node = this.w.node.name;
    const name = pv.metadata.name!;
    const ro = readOnly || !!spec.csi?.readOnly || !!spec.nfs?.readOnly;
    if (spec.hostPath) return { name: v.name, fs: backend.hostDir(node, spec.hostPath.path), readOnly: ro };
    if (spec.local) return { name: v.name, fs: backend.hostDir(node, spec.local.path), readOnly: ro };
    if (spec.nfs) return { name: v.name, fs: backend.nfsExport(spec.nfs.server, spec.nfs.path), readOnly: ro };
    if (spec.csi) {
      if (spec.csi.driver !== DRIVER_NAME) {
        return { problem: { kind: 'setup', message: `kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name ${spec.csi.driver} not found in the list of registered CSI drivers` } };
      }
      const driver = new CsiDriver(backend);
      const handle = spec.csi.volumeHandle;
      const d = this.rt.store.get('csidrivers', undefined, DRIVER_NAME);
      const attachRequired = (d?.spec as { attachRequired?: boolean } | undefined)?.attachRequired !== false;
      if (attachRequired && !driver.isAttached(handle, node)) return { problem: { kind: 'unattached', message: `volume ${name} is not attached to node ${node}` } };
      const data = driver.nodeStage(name, handle, node);
      if (!data) return { problem: { kind: 'setup', message: `rpc error: code = NotFound desc = volume id ${handle} does not exist` } };
      driver.nodePublish(name, node, `${pod.metadata?.namespace}/${pod.metadata?.name}`, pod.metadata?.uid ?? '');
      return { name: v.name, fs: data, readOnly: ro, csi: { pv: name, handle } };
    }
    return { name: v.name, fs: ContainerFs.empty(), readOnly: ro };
  }

  /** The pod is done with its volumes: NodeUnpublishVolume, and NodeUnstageVolume when no other pod on the node uses the disk. */
  tearDown(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    const backend = storageOf(this.rt);
    const driver = new CsiDriver(backend);
    const podRef = `${this.w.namespace}/${this.w.name}`;
    for (const m of this.mounted.values()) {
      if (!m.csi) continue;
      driver.nodeUnpublish(m.csi.pv, this.w.node.name, podRef);
      const stillUsed = [...this.w.node.workers.values()].some((o) => o !== this.w && !o.volumes.tornDown && [...o.volumes.mounted.values()].some((x) => x.csi?.handle === m.csi!.handle));
      if (!stillUsed) driver.nodeUnstage(m.csi.pv, m.csi.handle, this.w.node.name);
    }
  }

  /** True while some volume is not ready (the pod waits in ContainerCreating). */
  get waiting(): boolean {
    return this.problems.size > 0;
  }
}

function configMapData(cm: KubeObject): Record<string, string> {
  const out: Record<string, string> = { ...((cm.data as Record<string, string>) ?? {}) };
  for (const [k, v] of Object.entries((cm.binaryData as Record<string, string>) ?? {})) out[k] = b64decode(v);
  return out;
}

function secretData(s: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((s.data as Record<string, string>) ?? {})) out[k] = b64decode(v);
  for (const [k, v] of Object.entries((s.stringData as Record<string, string>) ?? {})) out[k] = v;
  return out;
}

/** Write keys (or the chosen items) as files; a missing item key is an error unless `keyError` is ''. */
function project(fs: ContainerFs, data: Record<string, string>, items: ReadonlyArray<{ key: string; path: string }> | undefined, keyError: string): string {
  const list = items && items.length ? items : Object.keys(data).sort().map((k) => ({ key: k, path: k }));
  for (const it of list) {
    if (data[it.key] === undefined) {
      if (keyError) return `${keyError}: ${it.key}`;
      continue;
    }
    fs.write(it.path, data[it.key]);
  }
  return '';
}

function downward(pod: Pod, path: string): string {
  const m = /^metadata\.(labels|annotations)(?:\['(.+)'\])?$/.exec(path);
  if (m) {
    const map = (pod.metadata?.[m[1] as 'labels'] ?? {}) as Record<string, string>;
    if (m[2]) return map[m[2]] ?? '';
    return Object.keys(map).sort().map((k) => `${k}="${map[k]}"`).join('\n');
  }
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    default: return '';
  }
}

/**
 * The projected token as the kubelet writes it at mount time, signed only when first read: most pods never
 * read theirs, and signing is the costliest part of starting a pod. The clock and the objects the token
 * names are taken now, so the content is exactly what an eager write would have given.
 */
export function lazyToken(rt: ClusterRuntime, pod: Pod, nodeName: string, expirationSeconds: number): () => string {
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = rt.store.get('serviceaccounts', ns, pod.spec?.serviceAccountName || 'default');
  const node = rt.store.get('nodes', undefined, nodeName);
  const nowMs = rt.clock.nowUnixMs();
  // projectedToken reads the ServiceAccount, the Node and the time: a view of them as they are now.
  const now = {
    store: { get: (resource: string) => (resource === 'serviceaccounts' ? sa : resource === 'nodes' ? node : undefined) },
    clock: { nowUnixMs: () => nowMs },
  } as unknown as ClusterRuntime;
  let token: string | undefined;
  return () => (token ??= projectedToken(now, pod, nodeName, expirationSeconds));
}
