// Authentication, authorization (RBAC), impersonation and audit: set up at cluster start.
import { clone } from '../store/store.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { Rng } from '../util/rng.ts';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrappolicy.ts';
import { useControllerCredentials } from './controllers.ts';
import { controllerClusterRoleBindings, controllerClusterRoles } from './controllerpolicy.ts';
import { kindKubeconfig, kubeconfigPath, serializeKubeconfig } from './kubeconfig.ts';
import { kubeletServer, KUBELET_SERVER_SERVICE } from './kubeletserver.ts';
import { authService } from './service.ts';
import { adminUser } from './user.ts';

/**
 * Create the bootstrap RBAC policy (as the apiserver's rbac/bootstrap-roles post-start hook and kubeadm do)
 * and write kind's admin kubeconfig to ~/.kube/config. Uids come from a separate random stream, so adding the
 * policy does not shift the names the rest of the cluster draws.
 */
export function startAuth(rt: ClusterRuntime): void {
  const auth = authService(rt);
  rt.services.set(KUBELET_SERVER_SERVICE, kubeletServer(rt));
  const rng = new Rng(0x72626163);
  rt.rng.drawFrom(rng, () => {
    for (const o of [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings()]) rt.api.create(clone(o), { owned: true });
  });
  const controllerRng = new Rng(0x6b636d00);
  rt.rng.drawFrom(controllerRng, () => {
    for (const o of [...controllerClusterRoles(), ...controllerClusterRoleBindings()]) rt.api.create(clone(o), { owned: true });
  });
  useControllerCredentials(rt, auth);
  const admin = auth.issueCertificate(adminUser.name, adminUser.groups.filter((g) => g !== 'system:authenticated'));
  rt.files.set(kubeconfigPath, serializeKubeconfig(kindKubeconfig(admin)));
}
