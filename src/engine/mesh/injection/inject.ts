import type { Pod } from 'kubernetes-types/core/v1';
import type { Mut } from '../../api/types.ts';
import { initContainer, injectedVolumesSpec, proxyContainer, sidecarStatus } from './template.ts';

/**
 * Apply Istio's sidecar template to a pod in place (the JSON patch the injector returns): istio-init first
 * among the init containers, istio-proxy after the app containers, the volumes, and the labels and
 * annotations the injector sets.
 */
export function injectSidecar(pod: Mut<Pod>): void {
  const spec = (pod.spec ??= { containers: [] });
  const meta = (pod.metadata ??= {});
  const labels = (meta.labels ??= {});
  const annotations = (meta.annotations ??= {});
  const first = spec.containers[0]?.name ?? '';
  const proxy = proxyContainer(pod);
  spec.initContainers = [initContainer(), ...(spec.initContainers ?? [])];
  spec.containers = [...spec.containers, proxy];
  spec.volumes = [...injectedVolumesSpec(), ...(spec.volumes ?? [])];
  labels['security.istio.io/tlsMode'] = 'istio';
  labels['service.istio.io/canonical-name'] ??= labels['app.kubernetes.io/name'] ?? labels.app ?? (meta.name ?? '').replace(/-[a-z0-9]+(-[a-z0-9]{5})?$/, '');
  labels['service.istio.io/canonical-revision'] ??= labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest';
  annotations['istio.io/rev'] = 'default';
  annotations['kubectl.kubernetes.io/default-container'] ??= first;
  annotations['kubectl.kubernetes.io/default-logs-container'] ??= first;
  annotations['prometheus.io/path'] = '/stats/prometheus';
  annotations['prometheus.io/port'] = '15020';
  annotations['prometheus.io/scrape'] = 'true';
  annotations['sidecar.istio.io/status'] = sidecarStatus;
}

/** True for pods the injector has injected. */
export function isInjected(pod: { metadata?: { annotations?: Record<string, string> } }): boolean {
  return pod.metadata?.annotations?.['sidecar.istio.io/status'] !== undefined;
}
