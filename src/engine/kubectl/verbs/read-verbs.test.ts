// Integration cases for get/label/annotate/api-resources/version. Wants follow get.go, label.go and
// annotate.go messages (texts checked against the real kubectl where it can run without a server).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

function setup() {
  const c = createCluster({ nodes: 0 });
  const api = c.runtime.api;
  api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1', b: '2' } });
  return c;
}

describe('kubectl get', () => {
  it.each([
    ['empty namespace', 'kubectl get pods -n kube-public', '', 'No resources found in kube-public namespace.\n', 0],
    ['all namespaces empty list', 'kubectl get sts -A', '', 'No resources found\n', 0], // not rs: CoreDNS has one in kube-system
    ['unknown type', 'kubectl get foo', '', 'error: the server doesn\'t have a resource type "foo"\n', 1],
    ['not found', 'kubectl get pod nope', '', 'Error from server (NotFound): pods "nope" not found\n', 1],
    ['ignore not found', 'kubectl get pod nope --ignore-not-found', '', '', 0],
    ['type and type/name mixed', 'kubectl get pod pod/web-1', '', expect.stringContaining('there is no need to specify a resource type as a separate argument'), 1],
    ['name across namespaces', 'kubectl get pod web-1 -A', '', 'error: a resource cannot be retrieved by name across all namespaces\n', 1],
    ['show-labels with yaml', 'kubectl get pods --show-labels -o yaml', '', 'error: --show-labels option cannot be used with yaml printer\n', 1],
    ['no type', 'kubectl get', '', expect.stringContaining('error: Required resource not specified.'), 1],
    ['configmap table', 'kubectl get cm cfg', 'NAME   DATA   AGE\ncfg    2      0s\n', '', 0],
    ['several kinds get kind prefixes and a blank line', 'kubectl get pods,cm', 'NAME        READY   STATUS    RESTARTS   AGE\npod/web-1   0/1     Pending   0          0s\n\nNAME                         DATA   AGE\nconfigmap/cfg                2      0s\nconfigmap/kube-root-ca.crt   1      16s\n', '', 0],
    ['label columns', 'kubectl get pods -L app --no-headers', 'web-1   0/1   Pending   0     0s    web\n', '', 0],
    ['empty list as yaml', 'kubectl get pods -n kube-public -o yaml', 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', '', 0],
  ])('%s', (_n, cmd, stdout, stderr, code) => {
    const r = setup().run(cmd);
    expect(r).toEqual({ stdout, stderr, exitCode: code });
  });
});

describe('kubectl label / annotate', () => {
  it.each([
    ['no resources', 'kubectl label', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['no changes', 'kubectl label pods web-1', 'error: at least one label update is required\n'],
    ['resource after pair', 'kubectl label pods web-1 x=y z', 'error: all resources must be specified before label changes: z\n'],
    ['modify and remove', 'kubectl label pods web-1 x=y x-', 'error: can not both modify and remove a label in the same command\n'],
    ['two equals signs', 'kubectl label pods web-1 x=y=z', 'error: invalid label spec: x=y=z\n'],
    ['existing value', 'kubectl label pods web-1 app=api', "error: 'app' already has a value (web), and --overwrite is false\n"],
    ['annotate modify and remove', 'kubectl annotate pods web-1 x=y x-', 'error: can not both modify and remove the following annotation(s) in the same command: x\n'],
    ['all with selector', 'kubectl label pods --all -l a=b x=y', 'error: cannot set --all and --selector at the same time\n'],
  ])('%s', (_n, cmd, stderr) => {
    const r = setup().run(cmd);
    expect(r).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('labels, relabels with --overwrite, removes, and reports', () => {
    const c = setup();
    expect(c.run('kubectl label pod web-1 tier=fe').stdout).toBe('pod/web-1 labeled\n');
    expect(c.run('kubectl label pod web-1 app=web').stdout).toBe('pod/web-1 not labeled\n');
    expect(c.run('kubectl label pod web-1 app=api --overwrite').stdout).toBe('pod/web-1 labeled\n');
    expect(c.run('kubectl label pod web-1 tier-').stdout).toBe('pod/web-1 unlabeled\n');
    expect(c.run('kubectl label pod web-1 nope-').stdout).toBe('label "nope" not found.\npod/web-1 not labeled\n');
    expect(c.get('pods', 'web-1')?.metadata.labels).toEqual({ app: 'api' });
    expect(c.run('kubectl annotate pod web-1 note=hi').stdout).toBe('pod/web-1 annotated\n');
    expect(c.run('kubectl annotate pod web-1 note=ho').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n");
  });
});

describe('kubectl version / api-resources', () => {
  it('prints client, kustomize and server versions', () => {
    expect(setup().run('kubectl version').stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n');
  });
  it('lists namespaced core resources first, sorted by group', () => {
    const out = setup().run('kubectl api-resources --api-group=apps').stdout;
    expect(out).toBe(
      'NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND\n' +
        'controllerrevisions                apps/v1      true         ControllerRevision\n' +
        'daemonsets            ds           apps/v1      true         DaemonSet\n' +
        'deployments           deploy       apps/v1      true         Deployment\n' +
        'replicasets           rs           apps/v1      true         ReplicaSet\n' +
        'statefulsets          sts          apps/v1      true         StatefulSet\n',
    );
  });
});
