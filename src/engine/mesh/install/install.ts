import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import { istioCrdNames } from '../../api/kinds/istio/index.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { meshFor } from '../mesh.ts';
import { ISTIO_NS } from '../webhooks.ts';
import { installObjects } from './objects.ts';
import { componentNames, type Profile } from './profiles.ts';

const icons: Record<string, string> = { 'Istio core': '⛵️', Istiod: '🧠', 'Ingress gateways': '🛬', 'Egress gateways': '🛫' };

function ready(rt: ClusterRuntime, name: string): boolean {
  const d = rt.store.get('deployments', ISTIO_NS, name) as { spec?: { replicas?: number }; status?: { readyReplicas?: number; updatedReplicas?: number } } | undefined;
  return !!d && (d.status?.readyReplicas ?? 0) >= (d.spec?.replicas ?? 1);
}

const deploymentsOf: Record<string, string[]> = { 'Istio core': [], Istiod: ['istiod'], 'Ingress gateways': ['istio-ingressgateway'], 'Egress gateways': ['istio-egressgateway'] };

/** Create or update an object as istioctl's server-side apply does (create, else replace the spec). */
function applyObject(rt: ClusterRuntime, o: KubeObject): void {
  try {
    rt.api.create(o);
  } catch (e) {
    if (!isStatusError(e, 'AlreadyExists')) throw e;
  }
}

/**
 * `istioctl install`: apply each component's manifests and wait (in virtual time, up to 5 minutes) for its
 * Deployments to be ready, printing istioctl's progress lines. Returns the output and whether it completed.
 */
export function installIstio(rt: ClusterRuntime, profile: Profile): { out: string; ok: boolean } {
  const mesh = meshFor(rt);
  let out = '';
  const components = installObjects(profile);
  for (const c of components) {
    for (const o of c.objects) {
      applyObject(rt, o);
      // The CRDs are served as soon as they are established.
      if (o.kind === 'CustomResourceDefinition' && !mesh.active) mesh.activate();
    }
  }
  if (!mesh.active) mesh.activate();
  rt.settle();
  // Components install in parallel; each line is printed when its Deployments are ready.
  const pending = componentNames(profile);
  const deadline = rt.clock.now() + 300_000;
  const done: string[] = [];
  const order = ['Istio core', 'Istiod', 'Egress gateways', 'Ingress gateways'];
  while (pending.length > 0) {
    for (const name of order) {
      const i = pending.indexOf(name);
      if (i < 0) continue;
      const needsIstiod = name !== 'Istio core' && name !== 'Istiod';
      if (needsIstiod && !done.includes('Istiod') && profile.pilot) continue;
      if (deploymentsOf[name].every((d) => ready(rt, d))) {
        pending.splice(i, 1);
        done.push(name);
        out += `✔ ${name} installed ${icons[name]}\n`;
      }
    }
    if (pending.length === 0) break;
    if (rt.clock.now() >= deadline) {
      for (const name of pending) out += `✘ ${name} encountered an error: failed to wait for resource: resources not ready after 5m0s: context deadline exceeded\n  Deployment/${ISTIO_NS}/${deploymentsOf[name][0]} (container failed to start: ContainerCreating)\n`;
      return { out: `${out}- Pruning removed resources\nError: failed to install manifests: errors occurred during operation\n`, ok: false };
    }
    rt.advance(500);
  }
  return { out: `${out}✔ Installation complete\n`, ok: true };
}

/** `istioctl uninstall --purge`: delete what install created (the CRDs too), then stop serving the kinds; prints prune.go's `  Removed GVK/NAME.NAMESPACE.` lines. */
export function uninstallIstio(rt: ClusterRuntime): string {
  const del = (resource: string, ns: string | undefined, name: string): boolean => {
    try {
      rt.api.delete(resource, ns, name);
      return true;
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
      return false;
    }
  };
  let out = '';
  const removed: string[] = [];
  for (const n of ['istio-sidecar-injector']) if (del('mutatingwebhookconfigurations', undefined, n)) removed.push(`admissionregistration.k8s.io/v1, Kind=MutatingWebhookConfiguration/${n}.`);
  for (const n of ['istio-validator-istio-system', 'istiod-default-validator']) if (del('validatingwebhookconfigurations', undefined, n)) removed.push(`admissionregistration.k8s.io/v1, Kind=ValidatingWebhookConfiguration/${n}.`);
  for (const n of ['istio-egressgateway', 'istio-ingressgateway', 'istiod']) {
    if (del('deployments', ISTIO_NS, n)) removed.push(`apps/v1, Kind=Deployment/${n}.${ISTIO_NS}`);
    if (del('services', ISTIO_NS, n)) removed.push(`/v1, Kind=Service/${n}.${ISTIO_NS}`);
  }
  for (const n of istioCrdNames) if (del('customresourcedefinitions', undefined, n)) removed.push(`apiextensions.k8s.io/v1, Kind=CustomResourceDefinition/${n}.`);
  // Istio resources go with their CRDs.
  for (const plural of ['virtualservices', 'destinationrules', 'gateways', 'serviceentries', 'sidecars', 'peerauthentications', 'authorizationpolicies']) {
    for (const o of rt.store.list(plural)) del(plural, o.metadata.namespace, o.metadata.name ?? '');
  }
  for (const o of rt.store.list('configmaps')) if (o.metadata.name === 'istio-ca-root-cert') del('configmaps', o.metadata.namespace, 'istio-ca-root-cert');
  if (del('namespaces', undefined, ISTIO_NS)) removed.push(`/v1, Kind=Namespace/${ISTIO_NS}.`);
  meshFor(rt).deactivate();
  for (const r of removed) out += `  Removed ${r}.\n`;
  return `${out}✔ Uninstall complete\n`;
}

/** True when the control plane is installed (istiod's Deployment exists). */
export function istioInstalled(rt: ClusterRuntime): boolean {
  return !!rt.store.get('deployments', ISTIO_NS, 'istiod');
}
