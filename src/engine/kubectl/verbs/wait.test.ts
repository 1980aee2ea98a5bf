import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { KubeObject } from '../../api/types.ts';

const KUBECTL = '/usr/bin/kubectl';

function setup() {
  const c = createCluster({ nodes: 0 });
  const rt = c.runtime;
  const pod = (name: string, labels: Record<string, string> = { app: 'web' }) =>
    rt.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  /** Make a pod Ready (and Running) `afterMs` of virtual time from now, as a kubelet would. */
  const readyAfter = (name: string, afterMs: number, ready = 'True') =>
    rt.clock.schedule(() => {
      const cur = rt.api.get('pods', 'default', name);
      rt.api.updateStatus({ ...cur, status: { phase: 'Running', podIP: '10.244.0.5', conditions: [{ type: 'Ready', status: ready }] } } as KubeObject);
    }, afterMs);
  return { c, rt, pod, readyAfter };
}

// Expectations follow staging/src/k8s.io/kubectl/pkg/cmd/wait/wait_test.go (TestWaitForCondition,
// TestWaitForDeletion, TestWaitForDifferentJSONPathExpression, TestWaitForCreate) and real kubectl's texts.
describe('kubectl wait', () => {
  it.each([
    { name: 'condition met after 5s', cmd: 'kubectl wait --for=condition=Ready pod/a', ready: 5000, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 5000 },
    { name: 'TYPE NAME form, case-insensitive condition', cmd: 'kubectl wait --for=condition=ready pods a', ready: 1000, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 1000 },
    { name: 'timeout', cmd: 'kubectl wait --for=condition=Ready pod/a --timeout=3s', ready: 5000, stdout: '', stderr: 'error: timed out waiting for the condition on pods/a\n', exit: 1, elapsed: 3000 },
    { name: 'default timeout is 30s', cmd: 'kubectl wait --for=condition=Ready pod/a', ready: 60000, stdout: '', stderr: 'error: timed out waiting for the condition on pods/a\n', exit: 1, elapsed: 30000 },
    { name: 'timeout 0 checks once', cmd: 'kubectl wait --for=condition=Ready pod/a --timeout=0', ready: 5000, stdout: '', stderr: 'error: condition not met for pods/a\n', exit: 1, elapsed: 0 },
    { name: 'Ready=false', cmd: 'kubectl wait --for=condition=Ready=false pod/a', ready: -1, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 0 },
    { name: 'jsonpath value', cmd: "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/a", ready: 2000, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 2000 },
    { name: 'jsonpath filter', cmd: `kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/a`, ready: 2000, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 2000 },
    { name: 'jsonpath existence only', cmd: "kubectl wait --for=jsonpath='{.status.podIP}' pod/a", ready: 2000, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 2000 },
    { name: 'jsonpath on a list value', cmd: "kubectl wait --for=jsonpath='{.metadata.labels}'=x pod/a", ready: 0, stdout: '', stderr: 'error: jsonpath leads to a nested object or list which is not supported\n', exit: 1, elapsed: 0 },
    { name: 'missing object', cmd: 'kubectl wait --for=condition=Ready pod/nope', ready: 0, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exit: 1, elapsed: 0 },
    { name: 'nothing selected', cmd: 'kubectl wait --for=condition=Ready pod -l app=none', ready: 0, stdout: '', stderr: 'error: no matching resources found\n', exit: 1, elapsed: 0 },
    { name: 'delete of a missing object succeeds silently', cmd: 'kubectl wait --for=delete pod/nope', ready: 0, stdout: '', stderr: '', exit: 0, elapsed: 0 },
    { name: 'delete times out', cmd: 'kubectl wait --for=delete pod/a --timeout=2s', ready: 0, stdout: '', stderr: 'error: timed out waiting for the condition on pods/a\n', exit: 1, elapsed: 2000 },
    { name: 'create of an existing object', cmd: 'kubectl wait --for=create pod/a', ready: 0, stdout: 'pod/a condition met\n', stderr: '', exit: 0, elapsed: 0 },
    { name: 'create times out', cmd: 'kubectl wait --for=create pod/later --timeout=3s', ready: 0, stdout: '', stderr: 'error: timed out waiting for the condition\n', exit: 1, elapsed: 3000 },
    { name: 'unrecognized condition', cmd: 'kubectl wait --for=foo pod/a', ready: 0, stdout: '', stderr: 'error: unrecognized condition: "foo"\n', exit: 1, elapsed: 0 },
    { name: 'missing --for', cmd: 'kubectl wait pod/a', ready: 0, stdout: '', stderr: 'error: unrecognized condition: ""\n', exit: 1, elapsed: 0 },
  ])('$name', ({ cmd, ready, stdout, stderr, exit, elapsed }) => {
    const { c, pod, readyAfter } = setup();
    pod('a');
    if (ready > 0) readyAfter('a', ready);
    if (ready < 0) readyAfter('a', 0, 'False');
    c.runtime.settle();
    const t0 = c.now();
    const r = c.run(cmd);
    expect({ stdout: r.stdout, stderr: r.stderr, exit: r.exitCode }).toEqual({ stdout, stderr, exit });
    // Polls for create land on 2 s steps; the others stop at the instant the condition holds.
    expect(c.now() - t0).toBe(elapsed);
  });

  it('--all and -l wait for every object in turn, sharing one deadline', () => {
    const { c, pod, readyAfter } = setup();
    const t0 = c.now();
    pod('a');
    pod('b');
    pod('x', { app: 'other' });
    readyAfter('a', 1000);
    readyAfter('b', 4000);
    const r = c.run('kubectl wait --for=condition=Ready pods -l app=web');
    expect(r.stdout).toBe('pod/a condition met\npod/b condition met\n');
    expect(c.now() - t0).toBe(4000);
    const r2 = c.run('kubectl wait --for=condition=Ready pods --all --timeout=1s');
    expect(r2.stdout).toBe('pod/a condition met\npod/b condition met\n');
    expect(r2.stderr).toBe('error: timed out waiting for the condition on pods/x\n');
  });

  it('waits for deletion and for creation', () => {
    const { c, rt, pod } = setup();
    const t0 = c.now();
    pod('a');
    rt.clock.schedule(() => rt.api.delete('pods', 'default', 'a'), 3000);
    expect(c.run('kubectl wait --for=delete pod/a --timeout=10s').stdout).toBe('pod/a condition met\n');
    expect(c.now() - t0).toBe(3000);
    rt.clock.schedule(() => pod('late'), 5000);
    expect(c.run('kubectl wait --for=create pod/late').stdout).toBe('pod/late condition met\n');
    expect(c.now() - t0).toBe(3000 + 6000);
  });

  it('deployment.apps naming and -A', () => {
    const { c, rt } = setup();
    rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    rt.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'other' } });
    expect(c.run('kubectl wait --for=create cm -A --all').stdout).toBe(
      'configmap/kube-root-ca.crt condition met\nconfigmap/kube-flannel-cfg condition met\n' +
        'configmap/kube-root-ca.crt condition met\n'.repeat(3) +
        'configmap/coredns condition met\nconfigmap/kube-proxy condition met\nconfigmap/kube-root-ca.crt condition met\nconfigmap/cfg condition met\nconfigmap/kube-root-ca.crt condition met\n',
    );
    expect(c.run('kubectl wait --for=jsonpath={.metadata.name}=cfg -n other configmap/cfg').stdout).toBe('configmap/cfg condition met\n');
  });

  it('invalid --timeout is a flag error', () => {
    const { c } = setup();
    const r = c.run('kubectl wait --for=condition=Ready pod/a --timeout=abc');
    expect(r.stderr).toBe('Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n');
  });

  it.skipIf(!existsSync(KUBECTL))('offline error texts match real kubectl', () => {
    const { c } = setup();
    for (const args of [['wait', '--for=foo', 'pod/x'], ['wait', "--for=jsonpath={.status.phase}=", 'pod/x'], ['wait', '--for=condition=Ready']]) {
      let real = '';
      try {
        execFileSync(KUBECTL, args, { stdio: 'pipe', env: { ...process.env, KUBECONFIG: '/dev/null' } });
      } catch (e) {
        real = String((e as { stderr: Buffer }).stderr);
      }
      expect(c.run(`kubectl ${args.map((a) => `'${a}'`).join(' ')}`).stderr).toBe(real);
    }
  });
});
