import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import type { ClusterOptions } from '../runtime.ts';

// What `kubectl get pods -A` shows on a fresh kind/kubeadm 1.32 cluster: the control plane's mirror pods per
// control-plane node, kube-proxy and the CNI's agent per node, CoreDNS (kubeadm's addon phase), and for Calico
// its controllers Deployment.
const names = (o: ClusterOptions) =>
  createCluster(o)
    .list('pods')
    .map((p) => `${p.metadata.namespace}/${p.metadata.generateName ? `${p.metadata.generateName.replace(/-[a-f0-9]{8,10}-$/, '-*-')}*` : p.metadata.name}`)
    .sort();

describe('a fresh cluster is handed over booted', () => {
  const mirror = (node: string) => ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `kube-system/${c}-${node}`);
  it.each([
    {
      name: 'kind defaults: flannel, one control plane, two workers',
      opts: {},
      want: [...Array(3).fill('kube-flannel/kube-flannel-ds-*'), ...Array(2).fill('kube-system/coredns-*-*'), ...mirror('control-plane'), ...Array(3).fill('kube-system/kube-proxy-*')],
    },
    {
      name: 'Calico: calico-node per node and calico-kube-controllers',
      opts: { cni: 'calico', nodes: 1 },
      want: ['kube-system/calico-kube-controllers-*-*', ...Array(2).fill('kube-system/calico-node-*'), ...Array(2).fill('kube-system/coredns-*-*'), ...mirror('control-plane'), ...Array(2).fill('kube-system/kube-proxy-*')],
    },
    {
      name: 'HA: every control-plane node has its static pods',
      opts: { controlPlanes: 3, nodes: 0, dns: false },
      want: [
        ...Array(3).fill('kube-flannel/kube-flannel-ds-*'),
        ...['control-plane', 'control-plane2', 'control-plane3'].flatMap(mirror).sort(),
        ...Array(3).fill('kube-system/kube-proxy-*'),
      ].sort(),
    },
  ] as Array<{ name: string; opts: ClusterOptions; want: string[] }>)('$name', ({ opts, want }) => {
    expect(names(opts)).toEqual([...want].sort());
  });

  it('every system pod is Running and Ready, every node Ready, and nothing is left to do', () => {
    const c = createCluster({ nodes: 2 });
    const pods = c.run('kubectl get pods -A --no-headers').stdout.trim().split('\n');
    expect(pods).toHaveLength(12);
    for (const l of pods) expect(l).toMatch(/ 1\/1 +Running +0 /);
    expect(c.run('kubectl get nodes --no-headers').stdout.match(/ Ready /g)).toHaveLength(3);
    expect(c.runUntilIdle()).toBe(0);
    expect(c.runtime.internalErrors).toEqual([]);
    // kind takes a few tens of seconds; the static pods are the oldest.
    expect(c.run('kubectl get pod -n kube-system etcd-control-plane --no-headers').stdout).toMatch(/ 16s\n$/);
  });

  it('boot: false keeps the raw start: nodes NotReady until their flannel pod runs', () => {
    const c = createCluster({ nodes: 1, boot: false });
    expect(c.now()).toBe(0);
    const ready = (n: string) => (c.get('node', n)!.status as { conditions: Array<{ type: string; status: string; reason: string; message: string }> }).conditions.find((x) => x.type === 'Ready')!;
    // pkg/kubelet/nodestatus/setters.go ReadyCondition with the runtime's NetworkReady=false error.
    expect(ready('worker-1')).toMatchObject({
      status: 'False',
      reason: 'KubeletNotReady',
      message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
    expect(c.run('kubectl get nodes --no-headers').stdout).toMatch(/^worker-1 +NotReady /m);
    // The node controller taints it (TaintNodesByCondition), which keeps CoreDNS Pending.
    expect((c.get('node', 'worker-1')!.spec as { taints?: Array<{ key: string }> }).taints?.map((t) => t.key)).toContain('node.kubernetes.io/not-ready');
    expect(c.run('kubectl get pods -n kube-system -l k8s-app=kube-dns --no-headers').stdout).toMatch(/Pending/);
    c.runUntilIdle();
    expect(ready('worker-1')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(c.run('kubectl get pods -n kube-system -l k8s-app=kube-dns --no-headers').stdout).not.toMatch(/Pending/);
  });

  it('a joining node is NotReady until its CNI pod runs, then Ready with the NodeReady event', () => {
    const c = createCluster({ nodes: 1 });
    c.run('lab node add worker-9');
    expect(c.run('kubectl get node worker-9 --no-headers').stdout).toMatch(/^worker-9 +NotReady /);
    c.run('sleep 15');
    expect(c.run('kubectl get node worker-9 --no-headers').stdout).toMatch(/^worker-9 +Ready /);
    expect(c.run('kubectl get pods -A -o wide --field-selector spec.nodeName=worker-9 --no-headers').stdout).toMatch(/kube-flannel-ds-\w+ +1\/1 +Running[\s\S]*kube-proxy-\w+ +1\/1 +Running/);
    expect(c.run('kubectl get events --field-selector involvedObject.name=worker-9,reason=NodeReady -o custom-columns=MSG:.message --no-headers').stdout).toBe('Node worker-9 status is now: NodeReady\n');
  });
});

describe('static pods and their mirror pods', () => {
  it('a mirror pod is the kubelet\'s copy of the manifest: host network, node IP, annotations, owner', () => {
    const c = createCluster({ nodes: 1 });
    const p = c.get('pod', 'kube-apiserver-control-plane', 'kube-system') as unknown as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string>; ownerReferences: unknown[] };
      spec: { hostNetwork: boolean; priority: number; priorityClassName: string; serviceAccountName?: string; volumes: Array<{ name: string }>; containers: Array<{ image: string; resources: unknown; command: string[] }> };
      status: { podIP: string; hostIP: string; phase: string };
    };
    const node = c.get('node', 'control-plane')!;
    expect(p.metadata.labels).toEqual({ component: 'kube-apiserver', tier: 'control-plane' });
    const a = p.metadata.annotations;
    expect(a['kubernetes.io/config.source']).toBe('file');
    expect(a['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(a['kubernetes.io/config.hash']).toBe(a['kubernetes.io/config.mirror']);
    expect(a['kubernetes.io/config.seen']).toMatch(/^2025-01-01T00:00:00\.\d{9}Z$/);
    expect(a['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint']).toBe('172.18.0.2:6443');
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: node.metadata.uid, controller: true }]);
    expect(p.spec).toMatchObject({ hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical' });
    // Mirror pods get no service account and no token volume (plugin/pkg/admission/serviceaccount).
    expect(p.spec.serviceAccountName).toBeUndefined();
    expect(p.spec.volumes.map((v) => v.name)).not.toContain(expect.stringMatching(/^kube-api-access-/));
    expect(p.status).toMatchObject({ phase: 'Running', podIP: '172.18.0.2', hostIP: '172.18.0.2' });
    expect(p.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.32.4');
  });

  // kubeadm's requests (cmd/kubeadm/app/phases/controlplane/manifests.go, phases/etcd/local.go).
  it.each([
    { pod: 'etcd-control-plane', image: 'registry.k8s.io/etcd:3.5.16-0', requests: { cpu: '100m', memory: '100Mi' } },
    { pod: 'kube-apiserver-control-plane', image: 'registry.k8s.io/kube-apiserver:v1.32.4', requests: { cpu: '250m' } },
    { pod: 'kube-controller-manager-control-plane', image: 'registry.k8s.io/kube-controller-manager:v1.32.4', requests: { cpu: '200m' } },
    { pod: 'kube-scheduler-control-plane', image: 'registry.k8s.io/kube-scheduler:v1.32.4', requests: { cpu: '100m' } },
  ])('$pod requests $requests', ({ pod, image, requests }) => {
    const c = createCluster({ nodes: 0, dns: false });
    const ctr = (c.get('pod', pod, 'kube-system')!.spec as { containers: Array<{ image: string; resources: { requests: unknown } }> }).containers[0];
    expect(ctr.image).toBe(image);
    expect(ctr.resources.requests).toEqual(requests);
  });

  it('deleting a mirror pod brings a new one (the kubelet owns it)', () => {
    const c = createCluster({ nodes: 1 });
    const before = c.get('pod', 'etcd-control-plane', 'kube-system')!.metadata.uid;
    expect(c.run('kubectl delete pod -n kube-system etcd-control-plane').stdout).toBe('pod "etcd-control-plane" deleted\n');
    const after = c.get('pod', 'etcd-control-plane', 'kube-system')!;
    expect(after.metadata.uid).not.toBe(before);
    c.run('sleep 15');
    expect(c.run('kubectl get pod -n kube-system etcd-control-plane --no-headers').stdout).toMatch(/^etcd-control-plane +1\/1 +Running +0 +1\ds\n$/);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it.each([
    { cmd: 'ssh control-plane -- ls /etc/kubernetes/manifests', out: 'etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n', err: '', code: 0 },
    { cmd: 'ssh worker-1 -- ls /etc/kubernetes/manifests', out: '', err: '', code: 0 },
    { cmd: 'ssh worker-1 -- cat /etc/kubernetes/manifests/etcd.yaml', out: '', err: 'cat: /etc/kubernetes/manifests/etcd.yaml: No such file or directory\n', code: 1 },
    { cmd: 'ssh control-plane -- ls /nope', out: '', err: "ls: cannot access '/nope': No such file or directory\n", code: 2 },
  ])('$cmd', ({ cmd, out, err, code }) => {
    const r = createCluster({ nodes: 1 }).run(cmd);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, err, code]);
  });

  it('the manifest on the node is what the mirror pod runs; a joined member lists the members before it', () => {
    const c = createCluster({ nodes: 0, controlPlanes: 3, dns: false });
    const yaml = c.run('ssh control-plane3 -- cat /etc/kubernetes/manifests/etcd.yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:\n {4}kubeadm.kubernetes.io\/etcd.advertise-client-urls: https:\/\/172.18.0.4:2379\n {2}creationTimestamp: null\n/);
    expect(yaml).toContain('    - --initial-cluster=control-plane=https://172.18.0.2:2380,control-plane2=https://172.18.0.3:2380,control-plane3=https://172.18.0.4:2380\n    - --initial-cluster-state=existing\n');
    expect(yaml).toMatch(/\nstatus: \{\}\n$/);
    const cmd = (c.get('pod', 'etcd-control-plane3', 'kube-system')!.spec as { containers: Array<{ command: string[] }> }).containers[0].command;
    for (const flag of cmd) expect(yaml).toContain(`    - ${flag}\n`);
    expect(c.run('ssh control-plane -- cat /etc/kubernetes/manifests/etcd.yaml').stdout).not.toContain('--initial-cluster-state');
  });
});

describe('kube-proxy as kubeadm\'s DaemonSet', () => {
  it('runs on every node with the host network, tolerating everything, configured from its ConfigMap', () => {
    const c = createCluster({ nodes: 2, proxyMode: 'ipvs' });
    const ds = c.get('ds', 'kube-proxy', 'kube-system') as unknown as { spec: { template: { spec: Record<string, unknown> } }; status: { numberReady: number } };
    expect(ds.status.numberReady).toBe(3);
    expect(ds.spec.template.spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', serviceAccountName: 'kube-proxy', tolerations: [{ operator: 'Exists' }] });
    expect(c.run("kubectl get cm kube-proxy -n kube-system -o jsonpath='{.data.config\\.conf}'").stdout).toContain('\nmode: ipvs\n');
    const kp = c.runtime.service<{ mode(n: string): string | undefined }>('kube-proxy')!;
    for (const n of ['control-plane', 'worker-1', 'worker-2']) expect(kp.mode(n)).toBe('ipvs');
  });

  it('programs no rules on a node before its kube-proxy pod runs', () => {
    const c = createCluster({ nodes: 1, boot: false });
    const kp = c.runtime.service<{ mode(n: string): string | undefined }>('kube-proxy')!;
    expect(kp.mode('worker-1')).toBeUndefined();
    c.runUntilIdle();
    expect(kp.mode('worker-1')).toBe('iptables');
  });
});
