// The kubelet's securityContext checks before creating a container (pkg/kubelet/kuberuntime/security_context_others.go
// verifyRunAsNonRoot): a container that must run as non-root but would run as uid 0 is not created
// (CreateContainerConfigError).
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { allCaps, defaultCaps, type ProcessCreds } from '../images/shell/creds.ts';

/** The effective securityContext field: the container's, else the pod's. */
function effective<K extends 'runAsNonRoot' | 'runAsUser'>(pod: Pod, c: Container, k: K): (Container['securityContext'] & object)[K] | undefined {
  const own = c.securityContext?.[k];
  if (own !== undefined && own !== null) return own;
  return (pod.spec?.securityContext as Record<string, unknown> | undefined)?.[k] as (Container['securityContext'] & object)[K] | undefined;
}

/**
 * verifyRunAsNonRoot: the error the kubelet reports, or undefined. `imageUid` is the uid the image's USER
 * names (0 for the catalog's images, which all run as root).
 */
export function runAsNonRootError(pod: Pod, c: Container, imageUid = 0): string | undefined {
  if (effective(pod, c, 'runAsNonRoot') !== true) return undefined;
  const ref = `(pod: "${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})", container: ${c.name})`;
  const uid = effective(pod, c, 'runAsUser');
  if (uid !== undefined && uid !== null) return uid === 0 ? `container's runAsUser breaks non-root policy ${ref}` : undefined;
  if (imageUid === 0) return `container has runAsNonRoot and image will run as root ${ref}`;
  return undefined;
}

/** True when the container's root filesystem is mounted read-only. */
export function readOnlyRootFilesystem(c: Container): boolean {
  return c.securityContext?.readOnlyRootFilesystem === true;
}

/**
 * The credentials the runtime gives the container's process (CRI LinuxContainerSecurityContext as the kubelet
 * builds it, applied by containerd/runc): runAsUser/runAsGroup (container over pod; image user root), the
 * supplementary groups (primary gid, fsGroup, supplementalGroups; the kernel keeps them sorted), and the
 * effective capabilities: containerd's defaults plus `add` minus `drop` (`ALL` drops every one), everything for
 * privileged containers, none for a non-root uid (Kubernetes sets no ambient capabilities).
 */
export function processCredentials(pod: Pod, c: Container): ProcessCreds | undefined {
  const sc = c.securityContext;
  const psc = pod.spec?.securityContext;
  if (!sc && !psc) return undefined;
  // The common case (the pod's securityContext defaulted to {}, nothing set on the container): root with the
  // runtime's default capabilities, one shared value (credentials are only read).
  if (!sc && psc && psc.runAsUser === undefined && psc.runAsGroup === undefined && psc.fsGroup === undefined && !psc.supplementalGroups?.length) return DEFAULT_ROOT;
  const uid = sc?.runAsUser ?? psc?.runAsUser ?? 0;
  const gid = sc?.runAsGroup ?? psc?.runAsGroup ?? 0;
  const fsGroup = psc?.fsGroup ?? undefined;
  const groups = [...new Set([gid, ...(fsGroup !== undefined ? [fsGroup] : []), ...(psc?.supplementalGroups ?? [])])].sort((a, b) => a - b);
  let caps: Set<string>;
  if (sc?.privileged) caps = new Set(allCaps);
  else {
    const drop = sc?.capabilities?.drop ?? [];
    caps = drop.includes('ALL') ? new Set() : new Set(defaultCaps.filter((x) => !drop.includes(x)));
    for (const a of sc?.capabilities?.add ?? []) {
      if (a === 'ALL') for (const x of allCaps) caps.add(x);
      else caps.add(a.replace(/^CAP_/, ''));
    }
  }
  if (uid !== 0) caps = new Set();
  return { uid, gid, groups, caps, fsGroup };
}

/** processCredentials for a container with no credentials of its own: uid 0, gid 0, the default capabilities. */
const DEFAULT_ROOT: ProcessCreds = { uid: 0, gid: 0, groups: [0], caps: new Set(defaultCaps), fsGroup: undefined };
