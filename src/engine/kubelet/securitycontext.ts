// The kubelet's securityContext checks before creating a container (pkg/kubelet/kuberuntime/security_context_others.go
// verifyRunAsNonRoot): a container that must run as non-root but would run as uid 0 is not created
// (CreateContainerConfigError).
import type { Container, Pod } from 'kubernetes-types/core/v1';

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
