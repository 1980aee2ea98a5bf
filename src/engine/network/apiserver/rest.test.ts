// A pod calling the API server with its mounted ServiceAccount token, as in the Kubernetes docs' "Accessing the
// Kubernetes API from a Pod" (curl --cacert ca.crt -H "Authorization: Bearer $TOKEN" https://kubernetes.default.svc/api).
// Wants: the apiserver's Status objects (responsewriters.ForbiddenStatusError, 401 "Unauthorized"), pretty-printed
// for curl (isPrettyPrint), and the plain-HTTP answer of Go's TLS server.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
const curl = (extra: string, url: string) => `kubectl exec tools -- sh -c 'curl -s --cacert ${SA}/ca.crt ${extra} ${url}'`;
const withToken = (url: string) => curl(`-H "Authorization: Bearer $(cat ${SA}/token)"`, url);

let c: Cluster;
beforeAll(() => {
  c = createCluster({ seed: 1 });
  c.runUntilIdle();
  c.run('kubectl run tools --image=curlimages/curl --command -- sleep 3600');
  c.runUntilIdle();
});

function json(line: string): Record<string, unknown> {
  const r = c.run(line);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('the API from inside a pod', () => {
  it('the default ServiceAccount may not list pods: 403 Status', () => {
    const r = c.run(withToken('https://kubernetes.default.svc/api/v1/namespaces/default/pods'));
    expect(r.stdout).toBe(
      `${JSON.stringify(
        {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
          reason: 'Forbidden',
          details: { kind: 'pods' },
          code: 403,
        },
        null,
        2,
      )}\n`,
    );
  });
  it('a token nobody issued: 401', () => {
    expect(json(curl('-H "Authorization: Bearer not-a-token"', 'https://kubernetes.default.svc/api/v1/pods'))).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });
  it('no token: the anonymous user may read /version (system:public-info-viewer)', () => {
    expect(json(curl('', 'https://kubernetes.default.svc/version')).gitVersion).toBe('v1.32.4');
  });
  it('no token: the anonymous user may not list pods', () => {
    expect(json(curl('', 'https://kubernetes.default.svc/api/v1/namespaces/default/pods')).message).toBe('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
  });
  it('plain HTTP to the secure port gets Go TLS server\'s 400 text', () => {
    expect(c.run(curl('', 'http://kubernetes.default.svc:443/api')).stdout).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });
  it('after a RoleBinding to view, the list succeeds (items without kind/apiVersion)', () => {
    c.run('kubectl create rolebinding view --clusterrole=view --serviceaccount=default:default');
    const list = json(withToken('https://kubernetes.default.svc/api/v1/namespaces/default/pods'));
    expect(list.kind).toBe('PodList');
    const items = list.items as Array<Record<string, unknown>>;
    expect(items.map((p) => (p.metadata as { name: string }).name)).toEqual(['tools']);
    expect(items[0].kind).toBeUndefined();
    expect(json(withToken('https://kubernetes.default.svc/api/v1/namespaces/default/pods/tools')).kind).toBe('Pod');
    expect(json(withToken('https://kubernetes.default.svc/api/v1/namespaces/default/pods/nope')).message).toBe('pods "nope" not found');
    // view grants nothing cluster-wide.
    expect(json(withToken('https://kubernetes.default.svc/api/v1/nodes')).code).toBe(403);
    expect(c.runtime.internalErrors).toEqual([]);
  });
});
