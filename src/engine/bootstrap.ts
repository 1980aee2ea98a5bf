import { installAddons } from './addons/index.ts';
import { ensureSystemPriorityClasses } from './api/admission/priority.ts';
import { startAuth } from './auth/index.ts';
import { startControllers } from './controllers/index.ts';
import { startControlPlane } from './controlplane/index.ts';
import { startKubelets } from './kubelet/index.ts';
import { startNodes } from './nodes/index.ts';
import { startNetwork } from './network/index.ts';
import type { ClusterRuntime } from './runtime.ts';
import { startScheduler } from './scheduler/index.ts';

/** The namespaces every cluster starts with. */
export const initialNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Bring a fresh runtime up to a running cluster: namespaces, networking, controllers, scheduler, nodes, the addons and the CNI. */
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
  // A raw start (`boot: false`) gets its addons and workers at once; a booting cluster gets them from `boot`.
  if (rt.options.boot === false) {
    installAddons(rt);
    rt.settle();
  }
}
