// Identities, impersonation, RBAC denials and audit through `cluster.run`, and `kubectl config` against the
// real kubectl 1.32 client reading the same kubeconfig (skipped when /usr/bin/kubectl is absent).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

function lab() {
  const c = createCluster({ seed: 1, nodes: 1 });
  const run = (line: string) => c.run(line);
  return { c, run };
}

describe('RBAC through kubectl', () => {
  const cases: Array<{ name: string; setup: string[]; line: string; out?: string; err?: string; code: number }> = [
    {
      name: 'list denied in a namespace',
      setup: [],
      line: 'kubectl get pods --as jane',
      err: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    },
    {
      name: 'get of a named object',
      setup: [],
      line: 'kubectl get deployment web -n kube-system --as jane',
      err: 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "kube-system"\n',
      code: 1,
    },
    {
      name: 'cluster-scoped list',
      setup: [],
      line: 'kubectl get nodes --as jane',
      err: 'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope\n',
      code: 1,
    },
    {
      name: 'impersonation is itself authorized',
      setup: ['lab user add jane'],
      line: 'kubectl --context jane get pods --as bob',
      err: 'Error from server (Forbidden): users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope\n',
      code: 1,
    },
    {
      name: 'impersonating a group is checked per group',
      setup: ['kubectl create clusterrole imp --verb=impersonate --resource=users', 'kubectl create clusterrolebinding imp --clusterrole=imp --user=jane', 'lab user add jane'],
      line: 'kubectl --context jane get pods --as bob --as-group system:masters',
      err: 'Error from server (Forbidden): groups "system:masters" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope\n',
      code: 1,
    },
    {
      name: 'a role binding grants in its namespace',
      setup: ['kubectl create role r --verb=list --resource=pods', 'kubectl create rolebinding rb --role=r --user=jane'],
      line: 'kubectl get pods --as jane',
      err: 'No resources found in default namespace.\n',
      code: 0,
    },
    {
      name: 'the view role comes from aggregation',
      setup: ['kubectl create rolebinding v --clusterrole=view --user=jane'],
      line: 'kubectl auth can-i list deployments.apps --as jane',
      out: 'yes\n',
      code: 0,
    },
    {
      name: 'view does not read secrets',
      setup: ['kubectl create rolebinding v --clusterrole=view --user=jane'],
      line: 'kubectl auth can-i get secrets --as jane',
      out: 'no\n',
      code: 1,
    },
    {
      name: 'aggregation picks up a new labelled role',
      setup: [
        'kubectl create clusterrole extra --verb=get --resource=secrets',
        'kubectl label clusterrole extra rbac.authorization.k8s.io/aggregate-to-view=true',
        'kubectl create rolebinding v --clusterrole=view --user=jane',
      ],
      line: 'kubectl auth can-i get secrets --as jane',
      out: 'yes\n',
      code: 0,
    },
    {
      name: 'resourceNames restrict to one object',
      setup: ['kubectl create role r --verb=get --resource=configmaps --resource-name=app', 'kubectl create rolebinding rb --role=r --user=jane'],
      line: 'kubectl auth can-i get configmaps/other --as jane',
      out: 'no\n',
      code: 1,
    },
    {
      name: 'subresource check',
      setup: ['kubectl create role r --verb=create --resource=pods/exec', 'kubectl create rolebinding rb --role=r --user=jane'],
      line: 'kubectl auth can-i create pods --subresource=exec --as jane',
      out: 'yes\n',
      code: 0,
    },
    {
      name: 'service account subjects',
      setup: ['kubectl create rolebinding rb --clusterrole=edit --serviceaccount=default:builder'],
      line: 'kubectl auth can-i create deployments --as system:serviceaccount:default:builder',
      out: 'yes\n',
      code: 0,
    },
    {
      name: 'whoami for an impersonated service account',
      setup: [],
      line: 'kubectl auth whoami --as system:serviceaccount:dev:ci',
      out: 'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:ci\nGroups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n',
      code: 0,
    },
    {
      name: 'groups without a user',
      setup: [],
      line: 'kubectl get pods --as-group dev',
      err: 'error: requesting uid, groups or user-extra for kind-kubelab without impersonating a user\n',
      code: 1,
    },
    {
      name: 'unknown context',
      setup: [],
      line: 'kubectl get pods --context nope',
      err: 'Error in configuration: context was not found for specified context: nope\n',
      code: 1,
    },
    {
      name: 'rolebinding --user does not pick the kubeconfig user',
      setup: [],
      line: 'kubectl create rolebinding rb --clusterrole=view --user=jane --dry-run=client -o name',
      out: 'rolebinding.rbac.authorization.k8s.io/rb\n',
      code: 0,
    },
    {
      // kubectl delete reads the object first (the resource builder's GET), so that is what a reader-less user is refused.
      name: 'delete reads first',
      setup: ['kubectl run web --image=nginx'],
      line: 'kubectl delete pod web --as jane',
      err: 'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { c, run } = lab();
      for (const s of tc.setup) expect(run(s).exitCode, s).toBe(0);
      const r = run(tc.line);
      if (tc.out !== undefined) expect(r.stdout).toBe(tc.out);
      if (tc.err !== undefined) expect(r.stderr + (tc.code === 0 ? r.stdout : '')).toBe(tc.err);
      expect(r.exitCode).toBe(tc.code);
      expect(c.runtime.internalErrors).toEqual([]);
    });
  }

  it('prevents escalation through roles and bindings (ConfirmNoEscalation)', () => {
    const { run } = lab();
    run('kubectl create rolebinding jane-admin --clusterrole=admin --user=jane');
    expect(run('kubectl create role ok --verb=get --resource=pods --as jane').exitCode).toBe(0);
    expect(run('kubectl create role bad --verb=get --resource=nodes --as jane').stderr).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "bad" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}\n',
    );
    expect(run('kubectl create rolebinding v --clusterrole=view --user=bob --as jane').exitCode).toBe(0);
    expect(run('kubectl create rolebinding ca --clusterrole=cluster-admin --user=bob --as jane').stderr).toBe(
      'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "ca" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}\n',
    );
    // The bind verb on the role lifts the check.
    run('kubectl create clusterrole binder --verb=bind --resource=clusterroles --resource-name=cluster-admin');
    run('kubectl create rolebinding jane-binder --clusterrole=binder --user=jane');
    expect(run('kubectl create rolebinding ca --clusterrole=cluster-admin --user=bob --as jane').exitCode).toBe(0);
  });

  it('view reads logs but may not exec; edit may (pods/log, pods/exec)', () => {
    const { c, run } = lab();
    run('kubectl run web --image=nginx');
    c.advance(15000);
    run('kubectl create rolebinding v --clusterrole=view --user=jane');
    expect(run('kubectl logs web --as jane').exitCode).toBe(0);
    expect(run('kubectl exec web --as jane -- ls /').stderr).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
    );
    expect(run('kubectl logs web --as bob').stderr).toBe('Error from server (Forbidden): pods "web" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"\n');
    run('kubectl create rolebinding e --clusterrole=edit --user=jane');
    expect(run('kubectl exec web --as jane -- ls /usr').stdout).toBe('share\n');
  });

  it('a reader who may not delete leaves the pod as it was', () => {
    const { c, run } = lab();
    run('kubectl run web --image=nginx');
    run('kubectl create rolebinding v --clusterrole=view --user=jane');
    const r = run('kubectl delete pod web --as jane');
    expect(r.stderr).toBe('Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"\n');
    expect(c.get('pods', 'web', 'default')?.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('Node authorizer and NodeRestriction (a stolen kubelet credential)', () => {
  const node = '--as system:node:worker-1 --as-group system:nodes';
  const cases = [
    { name: 'reads pods everywhere (system:node rules)', line: `kubectl get pods -A ${node}`, code: 0, err: '' },
    { name: 'may label its own node', line: `kubectl label node worker-1 a=b ${node}`, code: 0, err: '' },
    { name: 'not another node', line: `kubectl label node worker-2 a=b ${node}`, code: 1, err: 'Error from server (Forbidden): nodes "worker-2" is forbidden: node "worker-1" is not allowed to modify node "worker-2"\n' },
    {
      name: 'no secrets without a pod of its own using them',
      line: `kubectl get secret s ${node}`,
      code: 1,
      err: 'Error from server (Forbidden): secrets "s" is forbidden: User "system:node:worker-1" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node \'worker-1\' and this object\n',
    },
    {
      name: 'no list of secrets',
      line: `kubectl get secrets ${node}`,
      code: 1,
      err: 'Error from server (Forbidden): secrets is forbidden: User "system:node:worker-1" cannot list resource "secrets" in API group "" in the namespace "default": can only get individual resources of this type\n',
    },
    {
      name: 'creates only mirror pods',
      line: `kubectl run x --image=nginx ${node}`,
      code: 1,
      err: 'Error from server (Forbidden): pods "x" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "worker-1" can only create mirror pods\n',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster({ seed: 1, nodes: 2, dns: false });
      c.run('kubectl create secret generic s --from-literal=a=b');
      const r = c.run(tc.line);
      expect([r.stderr, r.exitCode]).toEqual([tc.err, tc.code]);
    });
  }
});

describe('audit', () => {
  it('records allowed and forbidden requests at the policy level', () => {
    const { c, run } = lab();
    c.writeFile('p.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["configmaps"]\n- level: Metadata\n');
    expect(run('lab audit policy -f p.yaml').stdout).toBe('audit policy set: 2 rules\n');
    run('kubectl create configmap cm --from-literal=a=b');
    run('kubectl get secrets --as jane');
    const events = run('lab audit -o json')
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => [e.level, e.verb, e.user.username, e.impersonatedUser?.username, e.responseStatus.code, e.annotations['authorization.k8s.io/decision']])).toEqual([
      ['RequestResponse', 'create', 'kubernetes-admin', undefined, 201, 'allow'],
      ['Metadata', 'list', 'kubernetes-admin', 'jane', 403, 'forbid'],
    ]);
    expect(events[0].requestObject.data).toEqual({ a: 'b' });
    expect(events[0].responseObject.metadata.uid).toBeTruthy();
    expect(events[1].requestObject).toBeUndefined();
  });
});

const kubectl = '/usr/bin/kubectl';
describe.skipIf(!existsSync(kubectl))('kubectl config matches kubectl 1.32 (skipped: no /usr/bin/kubectl)', () => {
  const lines = [
    'config view',
    'config get-contexts',
    'config current-context',
    'config set-credentials jane --token=abc',
    'config set-context jane --cluster=kind-kubelab --user=jane --namespace=dev',
    'config get-contexts',
    'config get-users',
    'config get-clusters',
    'config use-context jane',
    'config view --minify',
    'config view -o json',
    'config use-context nope',
    'config get-contexts nope',
    'config get-contexts -o name',
    'config set-context --current --namespace=foo',
    'config rename-context jane j2',
    'config use-context kind-kubelab',
    'config view --raw',
    'config view -o jsonpath={.users[*].name}',
    'config set-cluster c2 --server=https://1.2.3.4',
    'config view',
  ];
  it('prints what kubectl prints and writes the same file', () => {
    const { c, run } = lab();
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-kc-'));
    const file = join(dir, 'config');
    writeFileSync(file, c.readFile('~/.kube/config')!);
    for (const line of lines) {
      let out = '';
      let err = '';
      let code = 0;
      try {
        out = execFileSync(kubectl, [...line.split(' '), '--kubeconfig', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        const x = e as { stdout: string; stderr: string; status: number };
        [out, err, code] = [x.stdout, x.stderr, x.status];
      }
      const r = run('kubectl ' + line);
      expect({ line, out: r.stdout, err: r.stderr, code: r.exitCode }).toEqual({ line, out, err, code });
      expect(c.readFile('~/.kube/config')).toBe(execFileSync('cat', [file], { encoding: 'utf8' }));
    }
  });
});

describe('ServiceAccount tokens', () => {
  const claims = (token: string) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  it('the projected token in a container carries the bound pod, node and the extended expiry', () => {
    const { c, run } = lab();
    run('kubectl run b --image=busybox -- sleep 3600');
    c.advance(15000);
    const token = run('kubectl exec b -- cat /var/run/secrets/kubernetes.io/serviceaccount/token').stdout;
    const cl = claims(token);
    const pod = c.get('pods', 'b', 'default')!;
    expect(Object.keys(cl)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(cl.sub).toBe('system:serviceaccount:default:default');
    expect(cl.aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
    expect(cl['kubernetes.io'].pod).toEqual({ name: 'b', uid: pod.metadata.uid });
    expect(cl['kubernetes.io'].node.name).toBe((pod.spec as { nodeName?: string }).nodeName);
    expect(cl.exp - cl.iat).toBe(31536000);
    expect(cl['kubernetes.io'].warnafter - cl.iat).toBe(3607);
    expect(run('kubectl exec b -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout).toBe('default');
  });
  it('kubectl create token: a usable credential, and the server errors', () => {
    const { run } = lab();
    const token = run('kubectl create token default').stdout.trim();
    expect(claims(token).exp - claims(token).iat).toBe(3600);
    run(`kubectl config set-credentials sa --token=${token}`);
    expect(run('kubectl --user sa auth whoami').stdout.split('\n')[1]).toBe('Username                                            system:serviceaccount:default:default');
    expect(run('kubectl create token nope').stderr).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    expect(run('kubectl create token default --duration=5m').stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
  });
  it('a token of a deleted ServiceAccount no longer authenticates', () => {
    const { run } = lab();
    run('kubectl create serviceaccount ci');
    run(`kubectl config set-credentials ci --token=${run('kubectl create token ci').stdout.trim()}`);
    run('kubectl delete serviceaccount ci');
    const r = run('kubectl --user ci get pods');
    expect([r.stderr, r.exitCode]).toEqual(['error: You must be logged in to the server (Unauthorized)\n', 1]);
  });
});
