import { ensureSystemPriorityClasses } from './api/admission/priority.ts';
import { startAuth } from './auth/index.ts';
import { startControllers } from './controllers/index.ts';
import { startControlPlane } from './controlplane/index.ts';
import { startKubelets } from './kubelet/index.ts';
import { startNodes } from './nodes/index.ts';
import { startNetwork } from './network/index.ts';
import { installCoreDNS } from './network/dns/index.ts';
import type { ClusterRuntime } from './runtime.ts';
import { startScheduler } from './scheduler/index.ts';

/** The namespaces every cluster starts with. */
export const initialNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Bring a fresh runtime up to a running cluster: namespaces, networking, controllers, scheduler, nodes, CoreDNS. */
export function bootstrap(rt: ClusterRuntime): void {
  for (const name of initialNamespaces) {
    rt.api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  ensureSystemPriorityClasses(rt.api, rt.clock);
  startAuth(rt);
  startNetwork(rt);
  startControllers(rt);
  startScheduler(rt);
  startNodes(rt);
  startKubelets(rt);
  startControlPlane(rt);
  rt.settle();
  // kubeadm's addon phase: CoreDNS once the control plane runs (`dns: false` leaves the cluster without it).
  if (rt.options.dns !== false) {
    installCoreDNS(rt);
    rt.settle();
  }
}
