import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { KubeObject } from '../../api/types.ts';
import { daemonSetFatal, daemonSetWarning, errors, localStorageFatal, podDeleteStatus, unmanagedFatal, unmanagedWarning, warnings, type FilterOptions } from './filters.ts';

function pod(name: string, extra: { owner?: string; emptyDir?: boolean; phase?: string; mirror?: boolean; deleting?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: extra.owner ? [{ apiVersion: 'apps/v1', kind: extra.owner, name: 'ctl', uid: 'u', controller: true }] : undefined,
      annotations: extra.mirror ? { 'kubernetes.io/config.mirror': 'x' } : undefined,
      deletionTimestamp: extra.deleting,
    },
    spec: { nodeName: 'worker-1', volumes: extra.emptyDir ? [{ name: 'v', emptyDir: {} }] : [], containers: [] },
    status: { phase: extra.phase ?? 'Running' },
  };
}

// Cases after staging/src/k8s.io/kubectl/pkg/drain/drain_test.go (TestDeleteOrEvict / filters) and
// pkg/cmd/drain/drain_test.go (TestDrain: DS-managed, orphaned DS, emptyDir, unmanaged, mirror pods).
describe('drain filters', () => {
  const c = createCluster();
  c.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ctl}
spec:
  selector: {matchLabels: {app: ds}}
  template:
    metadata: {labels: {app: ds}}
    spec: {containers: [{name: c, image: nginx}]}
EOF`);
  const base: FilterOptions = { force: false, ignoreAllDaemonSets: false, deleteEmptyDirData: false, skipWaitForDeleteTimeoutSeconds: 0, nowMs: 100_000, parseTime: (ts) => c.runtime.clock.parse(ts) };
  const cases: Array<{ name: string; pod: KubeObject; opts?: Partial<FilterOptions>; want: { delete: boolean; reason: string; message?: string } }> = [
    { name: 'RS-managed pod is deleted', pod: pod('a', { owner: 'ReplicaSet' }), want: { delete: true, reason: 'Okay' } },
    { name: 'DS-managed pod refuses without --ignore-daemonsets', pod: pod('a', { owner: 'DaemonSet' }), want: { delete: false, reason: 'Error', message: daemonSetFatal } },
    { name: 'DS-managed pod is skipped with a warning with --ignore-daemonsets', pod: pod('a', { owner: 'DaemonSet' }), opts: { ignoreAllDaemonSets: true }, want: { delete: false, reason: 'Warning', message: daemonSetWarning } },
    { name: 'finished DS pod is deleted', pod: pod('a', { owner: 'DaemonSet', phase: 'Succeeded' }), want: { delete: true, reason: 'Okay' } },
    { name: 'mirror pod is skipped', pod: pod('a', { owner: 'ReplicaSet', mirror: true }), want: { delete: false, reason: 'Skip' } },
    { name: 'emptyDir pod refuses without --delete-emptydir-data', pod: pod('a', { owner: 'ReplicaSet', emptyDir: true }), want: { delete: false, reason: 'Error', message: localStorageFatal } },
    { name: 'emptyDir warning is replaced by the last filter', pod: pod('a', { owner: 'ReplicaSet', emptyDir: true }), opts: { deleteEmptyDirData: true }, want: { delete: true, reason: 'Okay' } },
    { name: 'unmanaged pod refuses without --force', pod: pod('a'), want: { delete: false, reason: 'Error', message: unmanagedFatal } },
    { name: 'unmanaged pod is deleted with a warning with --force', pod: pod('a'), opts: { force: true }, want: { delete: true, reason: 'Warning', message: unmanagedWarning } },
    { name: 'pod deleting longer than --skip-wait-for-delete-timeout is skipped', pod: pod('a', { owner: 'ReplicaSet', deleting: '2025-01-01T00:00:10Z' }), opts: { skipWaitForDeleteTimeoutSeconds: 30 }, want: { delete: false, reason: 'Skip' } },
  ];
  for (const tc of cases) {
    it(tc.name, () => expect(podDeleteStatus(c.runtime.api, tc.pod, { ...base, ...tc.opts })).toEqual(tc.want));
  }
  it('groups errors and warnings by message', () => {
    const items = [
      { pod: pod('a'), status: { delete: false, reason: 'Error' as const, message: unmanagedFatal } },
      { pod: pod('b'), status: { delete: false, reason: 'Error' as const, message: unmanagedFatal } },
      { pod: pod('c'), status: { delete: false, reason: 'Error' as const, message: daemonSetFatal } },
      { pod: pod('d'), status: { delete: false, reason: 'Warning' as const, message: daemonSetWarning } },
    ];
    expect(errors(items)).toEqual([
      'cannot delete Pods that declare no controller (use --force to override): default/a, default/b',
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/c',
    ]);
    expect(warnings(items)).toBe('ignoring DaemonSet-managed Pods: default/d');
  });
});

describe('kubectl drain', () => {
  // kube-proxy's and flannel's pods are skipped with kubectl's warning; the cases look at the rest.
  const run = (c: ReturnType<typeof createCluster>, l: string) => {
    const r = c.run(l);
    return { out: r.stdout, err: r.stderr.replace(/^Warning: ignoring DaemonSet-managed Pods: .*\n/m, ''), code: r.exitCode };
  };
  const podsOn = (c: ReturnType<typeof createCluster>, node: string) =>
    c.list('pod', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName === node).map((p) => p.metadata.name!);

  it('cordons, evicts and reports each pod', () => {
    const c = createCluster({ nodes: 3 });
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    run(c, 'kubectl rollout status deployment/web');
    expect(podsOn(c, 'worker-1').length).toBeGreaterThan(0);
    // Every pod on the node but the DaemonSets' (CoreDNS's too, when it landed there), in namespace/name order.
    const victims = c
      .list('pod')
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === 'worker-1' && p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet')
      .map((p) => ({ ns: p.metadata.namespace!, name: p.metadata.name! }))
      .sort((a, b) => (`${a.ns}/${a.name}` < `${b.ns}/${b.name}` ? -1 : 1));
    // Every node runs kube-proxy and flannel (DaemonSets): drain needs --ignore-daemonsets, as on a kubeadm cluster.
    const r = run(c, 'kubectl drain worker-1 --ignore-daemonsets');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'node/worker-1 cordoned\n' + victims.map((v) => `evicting pod ${v.ns}/${v.name}\n`).join('') + victims.map((v) => `pod/${v.name} evicted\n`).join('') + 'node/worker-1 drained\n',
    );
    expect(podsOn(c, 'worker-1')).toEqual([]);
    expect(run(c, 'kubectl get node worker-1 --no-headers').out).toMatch(/Ready,SchedulingDisabled/);
    expect((c.get('node', 'worker-1') as unknown as { spec: { taints: unknown[] } }).spec.taints).toEqual([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) },
    ]);
    expect(run(c, 'kubectl uncordon worker-1')).toMatchObject({ out: 'node/worker-1 uncordoned\n', code: 0 });
    expect((c.get('node', 'worker-1') as unknown as { spec: { taints?: unknown[] } }).spec.taints).toBeUndefined();
  });

  it('refuses unmanaged and emptyDir pods, listing them, and --force / --delete-emptydir-data override', () => {
    const c = createCluster({ nodes: 1 });
    run(c, 'kubectl run solo --image=nginx:1.27');
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: scratch}
spec:
  replicas: 1
  selector: {matchLabels: {app: scratch}}
  template:
    metadata: {labels: {app: scratch}}
    spec:
      containers: [{name: c, image: nginx:1.27}]
      volumes: [{name: tmp, emptyDir: {}}]
EOF`);
    c.advance(5000);
    const scratch = podsOn(c, 'worker-1').find((n) => n.startsWith('scratch-'))!;
    // Every node runs kube-proxy and flannel (DaemonSets): drain needs --ignore-daemonsets, as on a kubeadm cluster.
    const r = run(c, 'kubectl drain worker-1 --ignore-daemonsets');
    expect(r.code).toBe(1);
    expect(r.out).toBe('node/worker-1 cordoned\n');
    expect(r.err).toBe(
      `error: unable to drain node "worker-1" due to error: [cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${scratch}, cannot delete Pods that declare no controller (use --force to override): default/solo], continuing command...\n` +
        'There are pending nodes to be drained:\n worker-1\n' +
        `cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${scratch}\n` +
        'cannot delete Pods that declare no controller (use --force to override): default/solo\n',
    );
    const ok = run(c, 'kubectl drain worker-1 --ignore-daemonsets --force --delete-emptydir-data --grace-period=0');
    // kubectl joins the warnings with '; ' (kube-proxy's and flannel's pods are skipped).
    expect(ok.err).toMatch(/^Warning: deleting Pods that declare no controller: default\/solo; ignoring DaemonSet-managed Pods: kube-flannel\/kube-flannel-ds-\w{5}, kube-system\/kube-proxy-\w{5}\n$/);
    expect(ok.out).toContain('pod/solo evicted\n');
    expect(ok.out.endsWith('node/worker-1 drained\n')).toBe(true);
    expect(ok.code).toBe(0);
  });

  it('retries every 5 s while a PodDisruptionBudget forbids the eviction, and gives up at --timeout', () => {
    const c = createCluster({ nodes: 2 });
    run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
EOF`);
    run(c, 'kubectl rollout status deployment/web');
    c.advance(2000);
    const [victim] = podsOn(c, 'worker-1');
    expect(victim).toBeDefined();
    const start = c.now();
    const r = run(c, 'kubectl drain worker-1 --ignore-daemonsets --timeout=12s');
    const retry = `error when evicting pods/"${victim}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    expect(r.out).toBe(`node/worker-1 cordoned\n${`evicting pod default/${victim}\n`.repeat(4)}`);
    expect(r.err).toBe(
      retry.repeat(3) +
        `There are pending pods in node "worker-1" when an error occurred: error when evicting pods/"${victim}" -n "default": global timeout reached: 12s\npod/${victim}\n` +
        `error: unable to drain node "worker-1" due to error: error when evicting pods/"${victim}" -n "default": global timeout reached: 12s, continuing command...\n` +
        'There are pending nodes to be drained:\n worker-1\n' +
        `error when evicting pods/"${victim}" -n "default": global timeout reached: 12s\n`,
    );
    expect(r.code).toBe(1);
    expect(c.now() - start).toBe(15_000);
    expect(podsOn(c, 'worker-1')).toEqual([victim]);
  });

  it('usage errors and dry runs', () => {
    const c = createCluster();
    const cases: Array<[string, { out?: string; err?: string; code: number }]> = [
      ['kubectl drain', { err: "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n", code: 1 }],
      ['kubectl cordon worker-1 -l a=b', { err: "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n", code: 1 }],
      ["kubectl drain worker-1 '--pod-selector=a=('", { err: 'error: --pod-selector=<pod_selector> must be a valid label selector\n', code: 1 }],
      ['kubectl drain nope', { err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 }],
      ['kubectl cordon worker-1 --dry-run=client', { out: 'node/worker-1 cordoned (dry run)\n', code: 0 }],
      ['kubectl cordon worker-1 --dry-run=server', { out: 'node/worker-1 cordoned (server dry run)\n', code: 0 }],
      ['kubectl uncordon worker-1', { out: 'node/worker-1 already uncordoned\n', code: 0 }],
      ['kubectl cordon -l kubernetes.io/hostname=worker-2', { out: 'node/worker-2 cordoned\n', code: 0 }],
    ];
    for (const [cmd, want] of cases) expect(run(c, cmd), cmd).toMatchObject(want);
  });
});
