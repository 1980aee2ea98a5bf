import { describe, expect, test } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';
import type { KubeObject } from '../../api/types.ts';
import { addNode } from '../../nodes/index.ts';
import { daemonSetRolloutStatus } from './rollout.ts';

function ds(extra = '', strategy = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
${strategy}  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
${extra}      containers:
      - name: agent
        image: nginx:1.27
`;
}

function start(yaml: string, nodes = 2): Cluster {
  const c = createCluster({ seed: 3, nodes });
  c.writeFile('ds.yaml', yaml);
  expect(c.run('kubectl apply -f ds.yaml').stdout).toBe('daemonset.apps/agent created\n');
  c.runUntilIdle(120_000);
  return c;
}

const nodesOf = (c: Cluster) => c.list('pods', 'default').map((p) => (p.spec as { nodeName?: string }).nodeName).sort();

describe('DaemonSet controller (after TestDaemonSetController cases)', () => {
  test('one pod on each worker, none on the tainted control plane', () => {
    const c = start(ds(), 3);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const out = c.run('kubectl get ds').stdout;
    expect(out).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nagent\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\n$/);
    expect(c.get('ds', 'agent')!.status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
    });
    const pod = c.list('pods', 'default')[0];
    expect(pod.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(pod.metadata.labels!['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(c.get('ds', 'agent')!.metadata.annotations).toMatchObject({ 'deprecated.daemonset.template.generation': '1' });
    const events = c.run('kubectl get events --field-selector involvedObject.kind=DaemonSet -o custom-columns=R:.reason,M:.message --no-headers').stdout;
    expect(events).toMatch(/^SuccessfulCreate {3}Created pod: agent-[a-z0-9]{5}\n/);
    expect(c.runtime.controllers.errors).toEqual([]);
  });

  test('a toleration for the control-plane taint puts a pod there too', () => {
    const tol = '      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n';
    const c = start(ds(tol));
    expect(nodesOf(c)).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  test('nodeSelector limits the nodes; relabelling a node adds and removes pods', () => {
    const c = start(ds('      nodeSelector:\n        disk: ssd\n'));
    expect(c.list('pods', 'default')).toEqual([]);
    expect(c.get('ds', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0 });
    c.run('kubectl label node worker-2 disk=ssd');
    c.runUntilIdle(120_000);
    expect(nodesOf(c)).toEqual(['worker-2']);
    expect(c.run('kubectl get ds -o wide').stdout.split('\n')[1]).toMatch(/^agent\s+1\s+1\s+1\s+1\s+1\s+disk=ssd\s+\d+s\s+agent\s+nginx:1\.27\s+app=agent$/);
    c.run('kubectl label node worker-2 disk-');
    c.runUntilIdle(120_000);
    expect(c.list('pods', 'default')).toEqual([]);
  });

  test('a joining node gets a daemon pod', () => {
    const c = start(ds());
    addNode(c.runtime, { name: 'worker-3' });
    c.runUntilIdle(120_000);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(c.get('ds', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
  });

  test('RollingUpdate (maxUnavailable 1) replaces one node at a time', () => {
    const c = start(ds(), 3);
    let maxMissing = 0;
    c.watch((ev) => {
      if (ev.kind !== 'Pod') return;
      const live = c.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
      maxMissing = Math.max(maxMissing, 3 - live.length);
    });
    c.run('kubectl set image ds/agent agent=nginx:1.26');
    const d = c.get('ds', 'agent')!;
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.annotations!['deprecated.daemonset.template.generation']).toBe('2');
    c.runUntilIdle(120_000);
    expect(maxMissing).toBe(1);
    const images = c.list('pods', 'default').map((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image);
    expect(images).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
    expect(c.list('pods', 'default').every((p) => p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(daemonSetRolloutStatus(c.get('ds', 'agent')!)).toEqual({ done: true, message: 'daemon set "agent" successfully rolled out\n' });
    expect(c.list('controllerrevisions', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  test('OnDelete leaves old pods until they are deleted', () => {
    const c = start(ds('', '  updateStrategy:\n    type: OnDelete\n'));
    c.run('kubectl set image ds/agent agent=nginx:1.26');
    c.runUntilIdle(120_000);
    expect(c.get('ds', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 2, numberAvailable: 2 });
    expect((c.get('ds', 'agent')!.status as { updatedNumberScheduled?: number }).updatedNumberScheduled).toBeUndefined();
  });
});

describe('DaemonSet API', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  test('defaults', () => {
    c.writeFile('ds.yaml', ds());
    c.run('kubectl apply -f ds.yaml');
    expect(c.get('ds', 'agent')!.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
  });
  // After TestValidateDaemonSetUpdateStrategy / ValidateRollingUpdateDaemonSet.
  const cases: Array<{ name: string; edit: (s: Record<string, unknown>) => void; want: string }> = [
    {
      name: 'maxSurge with maxUnavailable',
      edit: (s) => ((s.updateStrategy as { rollingUpdate: Record<string, unknown> }).rollingUpdate = { maxUnavailable: 1, maxSurge: 1 }),
      want: 'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    },
    {
      name: 'both zero',
      edit: (s) => ((s.updateStrategy as { rollingUpdate: Record<string, unknown> }).rollingUpdate = { maxUnavailable: 0, maxSurge: 0 }),
      want: 'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    },
    {
      name: 'unknown strategy',
      edit: (s) => (s.updateStrategy = { type: 'Sometimes' }),
      want: 'DaemonSet.apps "agent" is invalid: spec.updateStrategy: Unsupported value: &apps.DaemonSetUpdateStrategy{Type:"Sometimes", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    },
    {
      name: 'selector is immutable',
      edit: (s) => {
        s.selector = { matchLabels: { app: 'agent', x: 'y' } };
        (s.template as { metadata: { labels: Record<string, string> } }).metadata.labels.x = 'y';
      },
      want: 'DaemonSet.apps "agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent", "x":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    },
    { name: 'maxSurge alone is fine', edit: (s) => ((s.updateStrategy as { rollingUpdate: Record<string, unknown> }).rollingUpdate = { maxUnavailable: 0, maxSurge: '10%' }), want: '' },
  ];
  for (const k of cases) {
    test(k.name, () => {
      let msg = '';
      try {
        c.runtime.api.modify('daemonsets', 'default', 'agent', (o) => k.edit(o.spec as Record<string, unknown>));
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toBe(k.want);
    });
  }
});

// kubectl's DaemonSetStatusViewer (rollout_status_test.go TestDaemonSetStatusViewerStatus).
describe('daemonSetRolloutStatus', () => {
  const mk = (status: Record<string, unknown>, generation = 1): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'foo', generation },
    spec: { updateStrategy: { type: 'RollingUpdate' } },
    status,
  });
  const cases: Array<{ name: string; obj: KubeObject; want: { done: boolean; message: string } }> = [
    { name: 'not observed', obj: mk({ observedGeneration: 1 }, 2), want: { done: false, message: 'Waiting for daemon set spec update to be observed...\n' } },
    {
      name: 'updating',
      obj: mk({ observedGeneration: 1, updatedNumberScheduled: 0, desiredNumberScheduled: 1, numberAvailable: 0 }),
      want: { done: false, message: 'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...\n' },
    },
    {
      name: 'available pending',
      obj: mk({ observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 }),
      want: { done: false, message: 'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...\n' },
    },
    {
      name: 'done',
      obj: mk({ observedGeneration: 2, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 }, 2),
      want: { done: true, message: 'daemon set "foo" successfully rolled out\n' },
    },
  ];
  for (const k of cases) test(k.name, () => expect(daemonSetRolloutStatus(k.obj)).toEqual(k.want));
});
