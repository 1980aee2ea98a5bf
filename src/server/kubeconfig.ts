// The kubeconfig `kubelab serve` writes: the lab's own kubeconfig (~/.kube/config in the lab) with its server
// replaced by the loopback address (trusting the serving certificate) and each user's client certificate replaced by a bearer token
// that the lab's auth service maps to the same identity.
import { randomBytes } from 'node:crypto';
import type { Cluster } from '../engine/index.ts';
import { base64Encode, kubeconfigPath, parseKubeconfig, serializeKubeconfig, type Kubeconfig } from '../engine/auth/kubeconfig.ts';
import { authService } from '../engine/auth/service.ts';
import { SERVING_CERT } from './tls.ts';

/**
 * Register one token per user of the lab's kubeconfig and return the kubeconfig for real kubectl. Users the lab's
 * auth service does not recognise are left out.
 */
export function serverKubeconfig(cluster: Cluster, url: string): { text: string; tokens: Record<string, string> } {
  const rt = cluster.runtime;
  const auth = authService(rt);
  const lab = parseKubeconfig(rt.files.get(kubeconfigPath) ?? '', kubeconfigPath);
  const tokens: Record<string, string> = {};
  const users: Kubeconfig['users'] = [];
  for (const u of lab.users) {
    const who = auth.authenticate(u.user as { token?: string; 'client-certificate-data'?: string });
    if (!who) continue;
    const token = randomBytes(24).toString('hex');
    auth.addToken(token, who);
    tokens[u.name] = token;
    users.push({ name: u.name, user: { token } });
  }
  const config: Kubeconfig = {
    ...lab,
    clusters: lab.clusters.map((c) => ({ name: c.name, cluster: url.startsWith('https:') ? { 'certificate-authority-data': base64Encode(SERVING_CERT), server: url } : { server: url } })),
    users,
  };
  return { text: serializeKubeconfig(config), tokens };
}
