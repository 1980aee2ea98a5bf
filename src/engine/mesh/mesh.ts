import { meshWebhooks } from '../api/admission/meshwebhooks.ts';
import { registerIstioKinds, unregisterIstioKinds } from '../api/kinds/istio/index.ts';
import { isStatusError } from '../api/types.ts';
import type { Controller } from '../controllers/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { startDataplane } from './dataplane/dataplane.ts';
import { writeIstioSamples } from '../images/apps/bookinfo/samples.ts';
import { Istiod } from './istiod/istiod.ts';
import { istioIptablesSave, parseIptablesArgs } from '../images/apps/istio/iptables.ts';
import { ISTIO_NS, istioWebhooks } from './webhooks.ts';

const ROOT_CERT = 'istio-ca-root-cert';

/** The `'mesh-netns'` service: what the sidecar's istio-init put in a pod's netns, for node shells and the tracer. */
export interface MeshNetns {
  iptablesSave(podNamespace: string, podName: string): string | undefined;
}

/**
 * The service mesh component of one cluster: created by `istioctl install`, it serves the Istio kinds, hooks
 * Istio's webhooks into admission, runs istiod's namespace controller (the `istio-ca-root-cert` ConfigMap in
 * every namespace) and publishes istiod's xDS model as the `'istiod'` service. `uninstall` undoes it.
 */
export class Mesh {
  readonly state = { validationFailClosed: false };
  active = false;
  readonly istiod: Istiod;
  private controllerAdded = false;

  constructor(private readonly rt: ClusterRuntime) {
    this.istiod = new Istiod(rt);
  }

  activate(): void {
    if (this.active) return;
    this.active = true;
    registerIstioKinds(this.rt.registry);
    meshWebhooks.set(this.rt.api, istioWebhooks(this.state));
    this.istiod.start();
    this.rt.services.set('istiod', this.istiod);
    this.rt.services.set('mesh-netns', { iptablesSave: (ns: string, pod: string) => this.podIptables(ns, pod) } satisfies MeshNetns);
    startDataplane(this.rt);
    writeIstioSamples(this.rt);
    if (!this.controllerAdded) {
      this.controllerAdded = true;
      this.rt.controllers.add(this.rootCertController());
    }
  }

  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.state.validationFailClosed = false;
    meshWebhooks.delete(this.rt.api);
    unregisterIstioKinds(this.rt.registry);
    this.istiod.stop();
    this.rt.services.delete('istiod');
    this.rt.services.delete('mesh-netns');
  }

  /** The nat rules istio-init wrote into a pod's network namespace, once it has run (iptables-save text). */
  podIptables(namespace: string, name: string): string | undefined {
    const pod = this.rt.store.get('pods', namespace, name) as { spec?: { initContainers?: { name: string; args?: string[] }[] }; status?: { initContainerStatuses?: { name: string; state?: { terminated?: { exitCode?: number } } }[] } } | undefined;
    const init = pod?.spec?.initContainers?.find((c) => c.name === 'istio-init');
    const done = pod?.status?.initContainerStatuses?.find((s) => s.name === 'istio-init')?.state?.terminated?.exitCode === 0;
    return init && done ? istioIptablesSave(parseIptablesArgs(init.args ?? [])) : undefined;
  }

  /** istiod's namespace controller: publish the mesh root certificate to every namespace. */
  private rootCertController(): Controller {
    return {
      name: 'istio-namespace-controller',
      watches: [
        { resource: 'namespaces', keys: (ev) => (ev.type === 'ADDED' || ev.type === 'MODIFIED' ? [ev.object.metadata.name ?? ''] : []) },
        { resource: 'configmaps', keys: (ev) => (ev.object.metadata.name === ROOT_CERT ? [ev.object.metadata.namespace ?? ''] : []) },
        { resource: 'endpoints', keys: (ev) => (ev.object.metadata.namespace === ISTIO_NS && ev.object.metadata.name === 'istiod' ? ['*'] : []) },
      ],
      reconcile: (key, ctx) => {
        if (!this.active || !this.istiod.running()) return;
        const names = key === '*' ? ctx.store.list('namespaces').map((n) => n.metadata.name ?? '') : [key];
        for (const ns of names) {
          const nsObj = ctx.store.get('namespaces', undefined, ns);
          if (!nsObj || nsObj.metadata.deletionTimestamp) continue;
          if (ctx.store.get('configmaps', ns, ROOT_CERT)) continue;
          try {
            ctx.api.create({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: ROOT_CERT, namespace: ns, labels: { 'istio.io/config': 'true' } },
              data: { 'root-cert.pem': '-----BEGIN CERTIFICATE-----\nMIIC/DCCAeSgAwIBAgIQKubelabIstioRootCA0MA0GCSqGSIb3DQEBCwUAMBgxFjAU\n-----END CERTIFICATE-----\n' },
            });
          } catch (e) {
            if (!isStatusError(e)) throw e;
          }
        }
      },
    };
  }
}

/** The cluster's mesh component, created on first use. */
export function meshFor(rt: ClusterRuntime): Mesh {
  let m = rt.service<Mesh>('mesh');
  if (!m) {
    m = new Mesh(rt);
    rt.services.set('mesh', m);
  }
  return m;
}
