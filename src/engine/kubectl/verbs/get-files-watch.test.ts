// get/describe -f (the named objects fetched live, as the resource builder's FilenameParam does) and
// get -w (the initial table, then one row per change through the same column widths; get.go watch loop).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const manifests = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  p: q\n';

function setup() {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.writeFile('m.yaml', manifests);
  c.writeFile('one.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
  return c;
}

describe('get / describe -f', () => {
  it.each([
    ['objects not created yet', ['kubectl get -f m.yaml'], '', 'Error from server (NotFound): configmaps "a" not found\nError from server (NotFound): secrets "s" not found\n', 1],
    ['one table per kind with kind prefixes', ['kubectl create -f m.yaml', 'kubectl get -f m.yaml'], 'NAME          DATA   AGE\nconfigmap/a   1      0s\n\nNAME       TYPE     DATA   AGE\nsecret/s   Opaque   1      0s\n', '', 0],
    ['one object in one file is a single item', ['kubectl create -f m.yaml', 'kubectl get -f one.yaml -o jsonpath={.kind}'], 'ConfigMap', '', 0],
    ['several objects print as a List', ['kubectl create -f m.yaml', 'kubectl get -f m.yaml -o jsonpath={.kind}'], 'List', '', 0],
    ['-o name', ['kubectl create -f m.yaml', 'kubectl get -f m.yaml -o name'], 'configmap/a\nsecret/s\n', '', 0],
    ['resource arguments with -f', ['kubectl get -f m.yaml pods'], '', 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n', 1],
    ['missing file', ['kubectl get -f nope.yaml'], '', 'error: the path "nope.yaml" does not exist\n', 1],
    ['describe -f', ['kubectl create -f m.yaml', 'kubectl describe -f one.yaml'], 'Name:         a\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\nEvents:  <none>\n', '', 0],
  ])('%s', (_n, cmds, stdout, stderr, code) => {
    const c = setup();
    let r = c.run(cmds[0]);
    for (const cmd of cmds.slice(1)) r = c.run(cmd);
    expect(r).toEqual({ stdout, stderr, exitCode: code });
  });
});

describe('get -w', () => {
  it('prints the list, then a row per change under the first header', () => {
    const c = setup();
    c.run('kubectl run web --image=nginx');
    const r = c.run('kubectl get pods -w --request-timeout=20s');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAME   READY   STATUS              RESTARTS   AGE');
    expect(lines[1]).toBe('web    0/1     ContainerCreating   0          0s');
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    expect(lines[lines.length - 1]).toMatch(/^web {4}1\/1 {5}Running {13}0 {10}\d+s$/);
  });

  it('-o name prints each event as a name', () => {
    const c = setup();
    c.run('kubectl run web --image=nginx');
    const r = c.run('kubectl get pod web -w -o name --request-timeout=3s');
    expect(r.stdout.split('\n').every((l) => l === '' || l === 'pod/web')).toBe(true);
    expect(r.stdout.startsWith('pod/web\n')).toBe(true);
  });

  it('--watch-only skips the initial list', () => {
    const c = setup();
    c.run('kubectl run web --image=nginx');
    c.run('sleep 10');
    expect(c.run('kubectl get pods --watch-only --request-timeout=2s')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
});
