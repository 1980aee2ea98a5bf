import { describe, expect, test } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';
import type { KubeObject } from '../../api/types.ts';
import { statefulSetRolloutStatus } from './rollout.ts';

function sts(opts: { replicas?: number; policy?: string; strategy?: string; claims?: boolean; image?: string } = {}): string {
  const strategy = opts.strategy ? `  updateStrategy:\n    type: ${opts.strategy}\n` : '';
  const policy = opts.policy ? `  podManagementPolicy: ${opts.policy}\n` : '';
  const claims = opts.claims
    ? `  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`
    : '';
  const mounts = opts.claims ? '        volumeMounts:\n        - name: www\n          mountPath: /usr/share/nginx/html\n' : '';
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${opts.replicas ?? 3}
${policy}${strategy}  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx:1.27'}
${mounts}${claims}`;
}

function start(yaml: string): { c: Cluster; order: string[] } {
  const c = createCluster({ seed: 7 });
  const order: string[] = [];
  c.watch((ev) => {
    if (ev.kind === 'Pod' && ev.type === 'ADDED') order.push(`+${ev.object.metadata.name}`);
    if (ev.kind === 'Pod' && ev.type === 'DELETED') order.push(`-${ev.object.metadata.name}`);
  });
  c.writeFile('sts.yaml', yaml);
  expect(c.run('kubectl apply -f sts.yaml').stdout).toBe('statefulset.apps/web created\n');
  return { c, order };
}

function setPartition(c: Cluster, partition: number): void {
  c.runtime.api.modify('statefulsets', 'default', 'web', (o) => {
    ((o.spec as { updateStrategy: { rollingUpdate: { partition: number } } }).updateStrategy.rollingUpdate.partition = partition);
  });
  c.runtime.settle();
}

/** An update through the API: the error message, or '' when accepted. */
function tryUpdate(c: Cluster, edit: (spec: Record<string, unknown>) => void): string {
  try {
    c.runtime.api.modify('statefulsets', 'default', 'web', (o) => edit(o.spec as Record<string, unknown>));
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const ready = (p: KubeObject | undefined) =>
  ((p?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True');

describe('StatefulSet controller (after TestStatefulSetControl* and the StatefulSet basics tutorial)', () => {
  test('OrderedReady: web-1 waits for web-0 to be Running and Ready', () => {
    const { c, order } = start(sts());
    c.advance(0);
    expect(c.list('pods', 'default').map((p) => p.metadata.name)).toEqual(['web-0']);
    // web-1 is created only once web-0 is ready.
    while (!ready(c.get('pods', 'web-0'))) {
      expect(c.get('pods', 'web-1')).toBeUndefined();
      c.advance(100);
    }
    c.runUntilIdle(120_000);
    expect(order).toEqual(['+web-0', '+web-1', '+web-2']);
    const out = c.run('kubectl get sts');
    expect(out.stdout).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
    const pod = c.get('pods', 'web-1')!;
    expect(pod.metadata.labels).toMatchObject({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
    });
    expect(pod.metadata.labels!['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    const st = c.get('statefulsets', 'web')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(st.currentRevision).toBe(st.updateRevision);
    const events = c.run('kubectl get events --field-selector involvedObject.kind=StatefulSet -o custom-columns=R:.reason,M:.message --no-headers').stdout;
    expect(events).toContain('SuccessfulCreate   create Pod web-0 in StatefulSet web successful');
    expect(c.runtime.controllers.errors).toEqual([]);
  });

  test('scale down deletes from the highest ordinal, one at a time', () => {
    const { c, order } = start(sts({ replicas: 3 }));
    c.runUntilIdle(120_000);
    order.length = 0;
    expect(c.run('kubectl scale sts web --replicas=1').stdout).toBe('statefulset.apps/web scaled\n');
    c.advance(0);
    // web-2 terminates first; web-1 is left alone until web-2 is gone.
    expect(c.get('pods', 'web-2')?.metadata.deletionTimestamp).toBeDefined();
    expect(c.get('pods', 'web-1')?.metadata.deletionTimestamp).toBeUndefined();
    c.runUntilIdle(120_000);
    expect(order).toEqual(['-web-2', '-web-1']);
    expect(c.run('kubectl get events --field-selector reason=SuccessfulDelete -o custom-columns=M:.message --no-headers').stdout).toBe(
      'delete Pod web-2 in StatefulSet web successful\ndelete Pod web-1 in StatefulSet web successful\n',
    );
  });

  test('Parallel creates every pod at once', () => {
    const { c } = start(sts({ policy: 'Parallel' }));
    c.advance(0);
    expect(c.list('pods', 'default').map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  test('volumeClaimTemplates: one claim per ordinal, kept after the pod and the set are deleted', () => {
    const { c } = start(sts({ replicas: 2, claims: true }));
    c.runUntilIdle(120_000);
    expect(c.list('persistentvolumeclaims').map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1']);
    const claim = c.get('pvc', 'www-web-0')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect((claim.status as { phase: string }).phase).toBe('Bound');
    const vol = (c.get('pods', 'web-1')!.spec as { volumes: Array<Record<string, unknown>> }).volumes[0];
    expect(vol).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const events = c.run('kubectl get events -o custom-columns=M:.message --no-headers').stdout;
    expect(events).toContain('create Claim www-web-0 Pod web-0 in StatefulSet web success\n');
    c.run('kubectl delete pod web-0');
    c.runUntilIdle(120_000);
    expect(c.get('pods', 'web-0')).toBeDefined();
    c.run('kubectl delete sts web');
    c.runUntilIdle(120_000);
    expect(c.list('pods', 'default')).toEqual([]);
    expect(c.list('persistentvolumeclaims').map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1']);
  });

  test('RollingUpdate replaces pods from the highest ordinal down; partition holds the lower ones', () => {
    const { c, order } = start(sts());
    c.runUntilIdle(120_000);
    order.length = 0;
    setPartition(c, 1);
    c.run('kubectl set image sts/web nginx=nginx:1.26');
    c.runUntilIdle(120_000);
    expect(order).toEqual(['-web-2', '+web-2', '-web-1', '+web-1']);
    const image = (n: string) => (c.get('pods', n)!.spec as { containers: Array<{ image: string }> }).containers[0].image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual(['nginx:1.27', 'nginx:1.26', 'nginx:1.26']);
    const s = c.get('sts', 'web')!;
    expect(statefulSetRolloutStatus(s)).toEqual({ done: true, message: 'partitioned roll out complete: 2 new pods have been updated...\n' });
    const revs = c.run('kubectl get controllerrevisions').stdout.split('\n');
    expect(revs[0]).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE$/);
    expect(revs.slice(1, 3).map((l) => l.split(/\s+/).slice(1, 3).join(' ')).sort()).toEqual(['statefulset.apps/web 1', 'statefulset.apps/web 2']);
    setPartition(c, 0);
    c.runUntilIdle(120_000);
    expect(image('web-0')).toBe('nginx:1.26');
    const st = c.get('sts', 'web')!.status as Record<string, unknown>;
    expect(st.currentRevision).toBe(st.updateRevision);
  });

  test('OnDelete updates a pod only when it is deleted', () => {
    const { c } = start(sts({ strategy: 'OnDelete', replicas: 2 }));
    c.runUntilIdle(120_000);
    c.run('kubectl set image sts/web nginx=nginx:1.26');
    c.runUntilIdle(120_000);
    const image = (n: string) => (c.get('pods', n)!.spec as { containers: Array<{ image: string }> }).containers[0].image;
    expect([image('web-0'), image('web-1')]).toEqual(['nginx:1.27', 'nginx:1.27']);
    c.run('kubectl delete pod web-1');
    c.runUntilIdle(120_000);
    expect([image('web-0'), image('web-1')]).toEqual(['nginx:1.27', 'nginx:1.26']);
    expect(c.get('sts', 'web')!.status).toMatchObject({ currentReplicas: 1, updatedReplicas: 1 });
  });
});

describe('StatefulSet API', () => {
  const c = createCluster({ seed: 1 });
  c.writeFile('sts.yaml', sts());
  c.run('kubectl apply -f sts.yaml');
  test('defaults', () => {
    const spec = c.get('sts', 'web')!.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
  });
  // After TestValidateStatefulSetUpdate.
  const forbiddenMsg = `spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`;
  const cases: Array<{ name: string; edit: (s: Record<string, unknown>) => void; want: string }> = [
    { name: 'serviceName is immutable', edit: (s) => (s.serviceName = 'other'), want: `StatefulSet.apps "web" is invalid: ${forbiddenMsg}` },
    {
      name: 'bad podManagementPolicy',
      edit: (s) => (s.podManagementPolicy = 'Sometimes'),
      want: `StatefulSet.apps "web" is invalid: [spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel', ${forbiddenMsg}]`,
    },
    {
      name: 'negative partition',
      edit: (s) => ((s.updateStrategy as { rollingUpdate: { partition: number } }).rollingUpdate.partition = -1),
      want: 'StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    },
    { name: 'replicas may change', edit: (s) => (s.replicas = 5), want: '' },
    { name: 'minReadySeconds may change', edit: (s) => (s.minReadySeconds = 3), want: '' },
  ];
  for (const k of cases) test(k.name, () => expect(tryUpdate(c, k.edit)).toBe(k.want));
  test('selector must match the template labels', () => {
    c.writeFile('bad.yaml', sts().replace('name: web', 'name: bad').replace('      labels:\n        app: nginx', '      labels:\n        app: other'));
    expect(c.run('kubectl apply -f bad.yaml').stderr).toBe(
      'The StatefulSet "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
    );
  });
});

// kubectl's StatefulSetStatusViewer (rollout_status_test.go TestStatefulSetStatusViewerStatus).
describe('statefulSetRolloutStatus', () => {
  const mk = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 1): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', generation },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate' }, ...spec },
    status,
  });
  const cases: Array<{ name: string; obj: KubeObject; want: { done: boolean; message: string } }> = [
    { name: 'not observed', obj: mk({}, { observedGeneration: 1 }, 2), want: { done: false, message: 'Waiting for statefulset spec update to be observed...\n' } },
    { name: 'pods not ready', obj: mk({}, { observedGeneration: 1, readyReplicas: 1 }), want: { done: false, message: 'Waiting for 2 pods to be ready...\n' } },
    {
      name: 'partitioned in progress',
      obj: mk({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }),
      want: { done: false, message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n' },
    },
    {
      name: 'rolling update in progress',
      obj: mk({}, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'b' }),
      want: { done: false, message: 'waiting for statefulset rolling update to complete 2 pods at revision b...\n' },
    },
    {
      name: 'complete',
      obj: mk({}, { observedGeneration: 1, readyReplicas: 3, currentReplicas: 3, currentRevision: 'b', updateRevision: 'b' }),
      want: { done: true, message: 'statefulset rolling update complete 3 pods at revision b...\n' },
    },
  ];
  for (const k of cases) test(k.name, () => expect(statefulSetRolloutStatus(k.obj)).toEqual(k.want));
  test('OnDelete has no status', () => {
    expect(() => statefulSetRolloutStatus(mk({ updateStrategy: { type: 'OnDelete' } }, {}))).toThrow('rollout status is only available for RollingUpdate strategy type');
  });
});
