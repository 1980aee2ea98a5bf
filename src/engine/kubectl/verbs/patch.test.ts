import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveRealKubectl, kubectl, newCluster, runReal } from '../apply/testkit.ts';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
  finalizers: [a.example/x, b.example/y]
spec:
  replicas: 2
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      tolerations:
      - {key: a, operator: Exists}
      volumes:
      - name: data
        emptyDir: {}
      - name: cfg
        configMap: {name: cfg}
      containers:
      - name: nginx
        image: nginx
        args: [a, b]
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        ports:
        - containerPort: 80
        - containerPort: 443
      - name: side
        image: busybox
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: https, port: 443}
`;

const crd = `apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: c
spec:
  a: 1
  list: [1, 2]
`;

// Each case runs `kubectl patch --local -f FILE --type TYPE -p PATCH -o yaml` against Kubelab and, when it is
// installed, the real kubectl 1.32 client; stdout, stderr and exit code must match byte for byte.
// Cases follow apimachinery's strategicpatch/patch_test.go and evanphx/json-patch's tests.
const cases: Array<{ name: string; file?: string; type?: string; patch: string; out?: string }> = [
  { name: 'smp scalar', patch: '{"spec":{"replicas":3}}' },
  { name: 'smp null deletes', patch: '{"metadata":{"labels":{"tier":null}},"spec":{"strategy":null}}' },
  { name: 'smp null under missing map leaves {}', patch: '{"metadata":{"annotations":{"x":null}}}' },
  { name: 'smp new container goes first', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"log","image":"fluent"}]}}}}' },
  { name: 'smp merge container by name', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:2"}]}}}}' },
  { name: 'smp env merge by name', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}' },
  { name: 'smp ports merge by containerPort', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":8080,"name":"alt"}]}]}}}}' },
  { name: 'smp args replaced', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","args":["c"]}]}}}}' },
  { name: 'smp tolerations replaced', patch: '{"spec":{"template":{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}}}' },
  { name: 'smp volumes merge by name', patch: '{"spec":{"template":{"spec":{"volumes":[{"name":"extra","emptyDir":{}}]}}}}' },
  { name: 'smp finalizers merge as a set', patch: '{"metadata":{"finalizers":["c.example/z","a.example/x"]}}' },
  { name: 'smp $patch delete item', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}' },
  { name: 'smp $patch replace list', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}}' },
  { name: 'smp $patch replace map', patch: '{"spec":{"strategy":{"$patch":"replace","type":"Recreate"}}}' },
  { name: 'smp $patch delete map', patch: '{"spec":{"strategy":{"$patch":"delete"}}}' },
  { name: 'smp $retainKeys', patch: '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}' },
  { name: 'smp $deleteFromPrimitiveList', patch: '{"metadata":{"$deleteFromPrimitiveList/finalizers":["b.example/y"]}}' },
  { name: 'smp $setElementOrder', patch: '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"nginx"}],"containers":[{"name":"side","image":"b2"}]}}}}' },
  { name: 'smp $setElementOrder with new item', patch: '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"new"},{"name":"nginx"}],"containers":[{"name":"new","image":"n"}]}}}}' },
  { name: 'smp missing merge key', patch: '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}' },
  { name: 'smp bad directive', patch: '{"spec":{"$patch":"bogus"}}' },
  { name: 'smp merge directive in list', patch: '{"spec":{"template":{"spec":{"containers":[{"$patch":"merge","name":"x"}]}}}}' },
  { name: 'smp array body', patch: '[1]' },
  { name: 'smp yaml patch', patch: 'spec:\n  replicas: 5' },
  { name: 'smp service ports by port', file: 'svc.yaml', patch: '{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":8443,"name":"alt"}]}}' },
  { name: 'smp on custom kind', file: 'cr.yaml', patch: '{"spec":{"a":2}}' },
  { name: 'merge replaces lists', type: 'merge', patch: '{"spec":{"template":{"spec":{"containers":[{"name":"z"}]}}}}' },
  { name: 'merge null deletes', type: 'merge', patch: '{"metadata":{"labels":{"tier":null,"new":"1"}}}' },
  { name: 'merge on custom kind', type: 'merge', file: 'cr.yaml', patch: '{"spec":{"a":2,"list":null}}' },
  { name: 'merge scalar body', type: 'merge', patch: '"x"' },
  { name: 'merge array body', type: 'merge', patch: '[1]' },
  { name: 'json add/replace/remove', type: 'json', patch: '[{"op":"add","path":"/metadata/labels/new","value":"v"},{"op":"replace","path":"/spec/replicas","value":9},{"op":"remove","path":"/metadata/labels/tier"}]' },
  { name: 'json escaped key', type: 'json', patch: '[{"op":"add","path":"/metadata/labels/a.io~1b","value":"v"}]' },
  { name: 'json add to end', type: 'json', patch: '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"z"}]' },
  { name: 'json negative index', type: 'json', patch: '[{"op":"add","path":"/spec/template/spec/containers/-1","value":{"name":"n"}}]' },
  { name: 'json move and copy', type: 'json', patch: '[{"op":"copy","from":"/metadata/labels","path":"/metadata/annotations"},{"op":"move","from":"/spec/replicas","path":"/spec/minReadySeconds"}]' },
  { name: 'json test passes', type: 'json', patch: '[{"op":"test","path":"/spec/replicas","value":2}]' },
  { name: 'json test fails', type: 'json', patch: '[{"op":"test","path":"/spec/replicas","value":3}]' },
  { name: 'json missing parent', type: 'json', patch: '[{"op":"add","path":"/spec/x/y","value":1}]' },
  { name: 'json remove missing key', type: 'json', patch: '[{"op":"remove","path":"/spec/nope"}]' },
  { name: 'json replace missing index', type: 'json', patch: '[{"op":"replace","path":"/spec/template/spec/containers/5","value":{}}]' },
  { name: 'json bad index', type: 'json', patch: '[{"op":"add","path":"/spec/template/spec/containers/x","value":{}}]' },
  { name: 'json index out of range', type: 'json', patch: '[{"op":"add","path":"/spec/template/spec/containers/7","value":{}}]' },
  { name: 'json unknown op', type: 'json', patch: '[{"op":"bogus","path":"/spec"}]' },
  { name: 'json missing op', type: 'json', patch: '[{"path":"/spec"}]' },
  { name: 'json missing from', type: 'json', patch: '[{"op":"copy","path":"/spec/a"}]' },
  { name: 'json move missing', type: 'json', patch: '[{"op":"move","from":"/spec/nope","path":"/spec/a"}]' },
  { name: 'json object body', type: 'json', patch: '{"op":"add"}' },
  { name: 'json on custom kind', type: 'json', file: 'cr.yaml', patch: '[{"op":"replace","path":"/spec/list/1","value":5}]' },
  { name: 'unparsable patch', patch: '{"spec":{' },
  { name: 'no change, name output', patch: '{}', out: 'name' },
  { name: 'no change, default output', patch: '{"spec":{"replicas":2}}', out: '' },
  { name: 'change, default output', patch: '{"spec":{"replicas":4}}', out: '' },
];

const files: Record<string, string> = { 'd.yaml': deploy, 'svc.yaml': service, 'cr.yaml': crd };

describe('kubectl patch --local matches kubectl 1.32', () => {
  const dir = haveRealKubectl ? mkdtempSync(join(tmpdir(), 'kubelab-patch-')) : '';
  if (haveRealKubectl) for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  it.each(cases)('$name', ({ file = 'd.yaml', type = 'strategic', patch, out = 'yaml' }) => {
    const c = newCluster();
    for (const [f, t] of Object.entries(files)) c.writeFile(join(dir || '/lab', f), t);
    const argv = ['patch', '--local', '-f', join(dir || '/lab', file), '--type', type, '-p', patch, ...(out ? ['-o', out] : [])];
    const ours = kubectl(c, argv);
    expect(c.runtime.internalErrors).toEqual([]);
    if (!haveRealKubectl) {
      // Without the reference client, at least the command must run and answer.
      expect(ours.stdout + ours.stderr).not.toBe('');
      return;
    }
    const real = runReal(argv);
    expect({ stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({ stdout: real.stdout, stderr: real.stderr, code: real.code });
  });
});
