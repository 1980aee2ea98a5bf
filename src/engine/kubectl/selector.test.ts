// -l / --field-selector through kubectl: one parser (util/selectors.ts), errors as kubectl prints the
// apiserver's 400 with the resource builder's "Unable to find ..." prefix (cli-runtime visitor.go).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('kubectl selectors', () => {
  const c = createCluster({ nodes: 0 });
  c.runtime.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', labels: { app: 'web', tier: '2' } } });
  c.runtime.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default', labels: { app: 'db' } } });
  it.each([
    ['equality', "kubectl get cm -l app=web -o name", 'configmap/a\n', '', 0],
    ['set-based', "kubectl get cm -l 'app in (web,db),!missing' -o name", 'configmap/a\nconfigmap/b\n', '', 0],
    ['numeric comparison', "kubectl get cm -l 'tier>1' -o name", 'configmap/a\n', '', 0],
    ['field selector on name', 'kubectl get cm --field-selector metadata.name!=a -o name', 'configmap/b\nconfigmap/kube-root-ca.crt\n', '', 0],
    [
      'bad label selector',
      "kubectl get cm -l 'app in'",
      '',
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "app in", field selector "": unable to parse requirement: found \'\' expected: \'(\'\n',
      1,
    ],
    [
      'trailing comma',
      "kubectl get cm -l 'a=b,'",
      '',
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "a=b,", field selector "": found \'\', expected: identifier after \',\'\n',
      1,
    ],
    [
      'unsupported field label',
      'kubectl get cm --field-selector foo=bar',
      '',
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
      1,
    ],
    [
      'field selector without operator',
      'kubectl get cm --field-selector foo',
      '',
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "foo": invalid selector: \'foo\'; can\'t understand \'foo\'\n',
      1,
    ],
  ])('%s', (_n, cmd, stdout, stderr, code) => {
    expect(c.run(cmd)).toEqual({ stdout, stderr, exitCode: code });
  });
});
