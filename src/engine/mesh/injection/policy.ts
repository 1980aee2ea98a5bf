/**
 * Whether the sidecar injector is called for a pod and injects it: the four webhooks of Istio 1.24's
 * `istio-sidecar-injector` MutatingWebhookConfiguration (namespace and object selectors), then the injector's
 * own checks (pkg/kube/inject/inject.go injectRequired).
 */
export interface InjectionInput {
  namespace: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  hostNetwork: boolean;
}

const ignoredByObjectWebhook = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Does one of the injector's webhooks match (namespaceSelector and objectSelector)? */
export function webhookMatches(i: InjectionInput): boolean {
  const nsRev = i.namespaceLabels['istio.io/rev'];
  const nsInj = i.namespaceLabels['istio-injection'];
  const podInj = i.podLabels['sidecar.istio.io/inject'];
  const podRev = i.podLabels['istio.io/rev'];
  // rev.namespace.sidecar-injector.istio.io
  if (nsRev === 'default' && nsInj === undefined && podInj !== 'false') return true;
  // rev.object.sidecar-injector.istio.io
  if (nsRev === undefined && nsInj === undefined && podInj !== 'false' && podRev === 'default') return true;
  // namespace.sidecar-injector.istio.io
  if (nsInj === 'enabled' && podInj !== 'false') return true;
  // object.sidecar-injector.istio.io
  return nsInj === undefined && nsRev === undefined && !ignoredByObjectWebhook.has(i.namespace) && podInj === 'true' && podRev === undefined;
}

/** injectRequired: the injector's own decision once called. */
export function injectRequired(i: InjectionInput): boolean {
  if (i.hostNetwork) return false;
  if (i.namespace === 'kube-system' || i.namespace === 'kube-public') return false;
  if (i.podAnnotations['sidecar.istio.io/status'] !== undefined) return false;
  const label = i.podLabels['sidecar.istio.io/inject'];
  const annotation = i.podAnnotations['sidecar.istio.io/inject'];
  const v = label ?? annotation;
  if (v !== undefined) return ['y', 'yes', 'true', 'on', ''].includes(v.toLowerCase()) || !['n', 'no', 'false', 'off'].includes(v.toLowerCase());
  return true;
}
