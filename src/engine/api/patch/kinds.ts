/**
 * Which kinds the apiserver can strategic-merge: built-in (compiled-in) types only. Custom resources accept
 * JSON patch and JSON merge patch; a strategic merge patch is refused with 415 UnsupportedMediaType.
 */
const builtinGroups = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'certificates.k8s.io',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io', 'internal.apiserver.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io',
]);

export function supportsStrategicMerge(group: string): boolean {
  return builtinGroups.has(group);
}

export const patchMediaTypes = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
} as const;

export type PatchType = keyof typeof patchMediaTypes;

/** The apiserver's 415 text for a strategic merge patch on a custom resource. */
export const unsupportedMediaTypeMessage =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';
