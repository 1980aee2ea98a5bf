import type { ClusterRuntime } from '../runtime.ts';
import { KUBELET_SERVICE } from './api.ts';
import { KUBELET_MANAGER } from './http.ts';
import { KubeletManager } from './manager.ts';
import { kubeletService } from './service.ts';
import { staticPodsController } from './staticpods.ts';

export { httpGet } from './http.ts';

/** Start a kubelet (pod lifecycle agent) for every Node, now and as nodes join. */
export function startKubelets(rt: ClusterRuntime): void {
  const mgr = new KubeletManager(rt);
  rt.services.set(KUBELET_MANAGER, mgr);
  rt.services.set(KUBELET_SERVICE, kubeletService(rt, mgr));
  rt.controllers.add(mgr.controller());
  rt.controllers.add(staticPodsController(rt));
}
