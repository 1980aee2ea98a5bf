// kubectl's --token/--username/--password global flags. clientcmd merges them over the kubeconfig user
// (client-go tools/clientcmd/client_config.go getAuthInfo + getUserIdentificationPartialConfig); a client
// certificate is still presented and the apiserver's x509 authenticator, first in its chain, wins; basic auth has
// no authenticator since 1.19, so it is Unauthorized.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

function lab() {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.runUntilIdle();
  c.run('kubectl create serviceaccount ci');
  c.run('kubectl config set-credentials ci --token=not-issued');
  c.run('kubectl config set-context ci --cluster=kind-kind --user=ci');
  return c;
}

const cases: Array<{ name: string; line: string; stdout?: RegExp; stderr?: string; exitCode: number }> = [
  { name: 'a token next to the admin client certificate: the certificate decides', line: 'kubectl --token=$(kubectl create token ci) auth whoami', stdout: /Username\s+kubernetes-admin/, exitCode: 0 },
  { name: 'a token replaces a token user\'s own', line: 'kubectl --context=ci --token=$(kubectl create token ci) auth whoami', stdout: /Username\s+system:serviceaccount:default:ci/, exitCode: 0 },
  { name: 'the token\'s user is authorized as itself', line: 'kubectl --context=ci --token=$(kubectl create token ci) get pods', stderr: 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:ci" cannot list resource "pods" in API group "" in the namespace "default"\n', exitCode: 1 },
  { name: 'a token nobody issued', line: 'kubectl --context=ci --token=bogus get pods', stderr: 'error: You must be logged in to the server (Unauthorized)\n', exitCode: 1 },
  { name: 'basic auth', line: 'kubectl --context=ci --username=admin --password=secret get pods', stderr: 'error: You must be logged in to the server (Unauthorized)\n', exitCode: 1 },
];

describe('kubectl --token', () => {
  for (const c of cases) {
    it(c.name, () => {
      const cluster = lab();
      const r = cluster.run(c.line);
      if (c.stdout) expect(r.stdout).toMatch(c.stdout);
      if (c.stderr !== undefined) expect(r.stderr).toBe(c.stderr);
      expect(r.exitCode).toBe(c.exitCode);
      expect(cluster.runtime.internalErrors).toEqual([]);
    });
  }
});
