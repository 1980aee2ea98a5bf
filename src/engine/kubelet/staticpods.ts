import { load } from 'js-yaml';
import type { KubeObject, Mut } from '../api/types.ts';
import { controlPlaneCount, controlPlaneNames } from '../controlplane/defaults.ts';
import { MANIFESTS_DIR, staticPodManifests, type Member } from '../controlplane/manifests.ts';
import type { Controller } from '../controllers/types.ts';
import { sha256, toHex } from '../network/proxy/sha256.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { StoreEvent } from '../store/store.ts';

export const STATIC_PODS_SERVICE = 'static-pods';
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** What the node shell reads: the files of a node's static pod path. */
export interface StaticPodsService {
  /** /etc/kubernetes/manifests of `node` (file name → text); undefined when the node has none (a worker). */
  manifests(node: string): ReadonlyMap<string, string> | undefined;
}

interface ManifestSet {
  files: Map<string, string>;
  /** file name → the static pod's config.hash */
  hashes: Map<string, string>;
  /** file name → the decoded manifest (JSON text, copied per mirror pod) */
  pods: Map<string, string>;
}

interface NodeManifests extends ManifestSet {
  /** config.seen: when the kubelet first read the file. */
  seen: string;
}

const NODE_KEY = 'node:';

/** The manifests depend only on the members' names and addresses: built, hashed and decoded once per set. */
const manifestSets = new Map<string, ManifestSet>();
function manifestSet(members: Member[], index: number): ManifestSet {
  const key = `${index}|${members.map((m) => `${m.name}=${m.ip}`).join(',')}`;
  let set = manifestSets.get(key);
  if (set) return set;
  const files = staticPodManifests(members, index);
  const hashes = new Map<string, string>();
  const pods = new Map<string, string>();
  for (const [file, text] of files) {
    hashes.set(file, toHex(sha256(`${members[index].name}\n${text}`)).slice(0, 32));
    pods.set(file, JSON.stringify(load(text)));
  }
  set = { files, hashes, pods };
  if (manifestSets.size > 64) manifestSets.clear();
  manifestSets.set(key, set);
  return set;
}

function internalIP(n: KubeObject | undefined): string | undefined {
  return (n?.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/**
 * The kubelet's file source (pkg/kubelet/config/file.go) on control-plane nodes: kubeadm wrote the control
 * plane's static pod manifests to /etc/kubernetes/manifests; the kubelet runs them and keeps a mirror pod for
 * each in the API (pkg/kubelet/pod/mirror_client.go): `<name>-<node>`, owned by the Node, with the
 * config.mirror/config.hash/config.source/config.seen annotations. A deleted mirror pod is created again; the
 * API cannot delete a static pod.
 */
export function staticPodsController(rt: ClusterRuntime): Controller {
  const nodes = new Map<string, NodeManifests>();
  const cpNames = controlPlaneNames(controlPlaneCount(rt.options.controlPlanes));

  /** kubeadm init on the first control-plane node, kubeadm join --control-plane on the others, in order. */
  const manifestsOf = (name: string): NodeManifests | undefined => {
    const have = nodes.get(name);
    if (have) return have;
    const index = cpNames.indexOf(name);
    if (index < 0) return undefined;
    const members: Member[] = [];
    for (const n of cpNames.slice(0, index + 1)) {
      const ip = internalIP(rt.store.get('nodes', undefined, n));
      if (!ip) return undefined;
      members.push({ name: n, ip });
    }
    const { files, hashes, pods } = manifestSet(members, index);
    const seenMs = rt.clock.nowUnixMs();
    const nanos = toHex(sha256(`seen/${name}`)).replace(/[a-f]/g, '').padEnd(6, '0').slice(0, 6);
    const seen = new Date(seenMs).toISOString().replace(/Z$/, `${nanos}Z`);
    const m = { files, hashes, pods, seen };
    nodes.set(name, m);
    return m;
  };

  const mirrorPod = (node: KubeObject, file: string, m: NodeManifests): KubeObject => {
    const nodeName = node.metadata.name!;
    const pod = JSON.parse(m.pods.get(file)!) as Mut<KubeObject> & { spec: Record<string, unknown>; status?: unknown };
    const hash = m.hashes.get(file)!;
    delete pod.status;
    delete (pod.metadata as { creationTimestamp?: unknown }).creationTimestamp;
    pod.metadata.name = `${pod.metadata.name}-${nodeName}`;
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      'kubernetes.io/config.hash': hash,
      [MIRROR_ANNOTATION]: hash,
      'kubernetes.io/config.seen': m.seen,
      'kubernetes.io/config.source': 'file',
    };
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid!, controller: true }];
    pod.spec.nodeName = nodeName;
    // The kubelet's static pods tolerate every NoExecute taint (pkg/kubelet/config/common.go).
    pod.spec.tolerations = [{ operator: 'Exists', effect: 'NoExecute' }];
    return pod as KubeObject;
  };

  const reachable = (name: string) => rt.service<{ isHeartbeating(n: string): boolean }>('nodes')?.isHeartbeating(name) ?? true;

  const sync = (name: string) => {
    const node = rt.store.get('nodes', undefined, name);
    if (!node || !reachable(name)) return;
    const m = manifestsOf(name);
    if (!m) return;
    for (const file of m.files.keys()) {
      const podName = `${file.replace(/\.yaml$/, '')}-${name}`;
      const existing = rt.store.get('pods', 'kube-system', podName);
      const mirror = existing?.metadata.annotations?.[MIRROR_ANNOTATION];
      if (existing && mirror && !existing.metadata.deletionTimestamp) continue;
      if (existing && !mirror) continue;
      try {
        // A mirror pod someone deleted: the kubelet removes it at once and posts a fresh one.
        if (existing) rt.api.delete('pods', 'kube-system', podName, { gracePeriodSeconds: 0, uid: existing.metadata.uid });
        rt.api.create(mirrorPod(node, file, m));
      } catch (e) {
        rt.reportInternalError('static-pods', e);
      }
    }
  };

  rt.services.set(STATIC_PODS_SERVICE, { manifests: (n: string) => manifestsOf(n)?.files } satisfies StaticPodsService);

  const mirrorKey = (ev: StoreEvent): string[] => {
    const o = ev.object;
    if (o.metadata.namespace !== 'kube-system' || !o.metadata.annotations?.[MIRROR_ANNOTATION]) return [];
    if (ev.type !== 'DELETED' && !o.metadata.deletionTimestamp) return [];
    const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
    return node ? [NODE_KEY + node] : [];
  };

  return {
    name: 'kubelet-static-pods',
    watches: [
      { resource: 'nodes', keys: (ev) => (ev.type !== 'DELETED' && cpNames.includes(ev.object.metadata.name!) ? [NODE_KEY + ev.object.metadata.name] : []) },
      { resource: 'pods', keys: mirrorKey },
    ],
    start: (ctx, enqueue) => {
      for (const n of cpNames) if (ctx.store.get('nodes', undefined, n)) enqueue(NODE_KEY + n);
    },
    reconcile: (key) => sync(key.slice(NODE_KEY.length)),
  };
}

export { MANIFESTS_DIR };
