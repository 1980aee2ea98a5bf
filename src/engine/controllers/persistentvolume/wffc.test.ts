import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const apply = (c: ReturnType<typeof createCluster>, yaml: string) => {
  const r = c.run(`cat > x.yaml <<EOF\n${yaml}\nEOF`);
  expect(r.exitCode).toBe(0);
  const a = c.run('kubectl apply -f x.yaml');
  expect(a.exitCode, a.stderr).toBe(0);
};

const classes = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: wait
provisioner: disk.csi.kubelab.io
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: static
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate`;

const claim = (name: string, cls: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: ${cls}
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi`;

const pod = (name: string, claimName: string, schedulerName = 'default-scheduler') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  schedulerName: ${schedulerName}
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: ${claimName}`;

const events = (c: ReturnType<typeof createCluster>, name: string) => c.run(`kubectl get events --field-selector involvedObject.name=${name} -o jsonpath='{range .items[*]}{.reason}: {.message}{"\\n"}{end}'`).stdout;

// The WaitForFirstConsumer hand-off between the PV controller and the scheduler, after pv_controller.go's
// syncUnboundClaim / emitEventForUnboundDelayBindingClaim and volumebinding's PreFilter/PreBind.
describe('WaitForFirstConsumer claims', () => {
  it('wait for their first consumer, then for its scheduling, and are not bound before a node is selected', () => {
    const c = createCluster({ seed: 1 });
    apply(c, `${classes}\n---\n${claim('data', 'wait')}`);
    expect(events(c, 'data')).toBe('WaitForFirstConsumer: waiting for first consumer to be created before binding\n');
    // A pod no scheduler handles: the claim names it and stays unbound (the PV controller does not pick a node).
    apply(c, pod('stuck', 'data', 'no-such-scheduler'));
    c.run('sleep 16');
    expect(events(c, 'data')).toContain('WaitForPodScheduled: waiting for pod stuck to be scheduled\n');
    expect(c.run('kubectl get pvc data -o jsonpath={.status.phase}').stdout).toBe('Pending');
    expect(c.run(`kubectl get pvc data -o jsonpath='{.metadata.annotations}'`).stdout).not.toContain('selected-node');
  });

  it('are provisioned on the node the scheduler selected', () => {
    const c = createCluster({ seed: 1 });
    // Claim and pod together: the scheduler selects the node before the controller first looks at the claim.
    apply(c, `${classes}\n---\n${claim('data', 'wait')}\n---\n${pod('p', 'data')}`);
    c.run('sleep 5');
    const node = c.run('kubectl get pod p -o jsonpath={.spec.nodeName}').stdout;
    expect(node).toMatch(/^worker-/);
    expect(c.run(`kubectl get pvc data -o jsonpath='{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'`).stdout).toBe(node);
    expect(c.run('kubectl get pvc data -o jsonpath={.status.phase}').stdout).toBe('Bound');
    expect(events(c, 'data').split('\n').map((l) => l.split(':')[0])).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded', '']);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  // VolumeBinding's PreBind (BindPodVolumes) waits for the claim to be bound before the pod is bound, so the
  // pod's Scheduled event comes after the claim's ProvisioningSucceeded, as upstream.
  it('bind the pod only once its claim is provisioned: ProvisioningSucceeded, then Scheduled', () => {
    const c = createCluster({ seed: 1 });
    apply(c, `${classes}\n---\n${claim('data', 'wait')}\n---\n${pod('p', 'data')}`);
    // The node is chosen (the claim names it) but the pod is not bound while the volume is created.
    expect(c.run(`kubectl get pvc data -o jsonpath='{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'`).stdout).toMatch(/^worker-/);
    expect(c.run('kubectl get pod p -o jsonpath={.spec.nodeName}').stdout).toBe('');
    c.run('sleep 5');
    expect(c.run('kubectl get pod p -o jsonpath={.spec.nodeName}').stdout).toMatch(/^worker-/);
    const order = c.runtime.store
      .list('events', 'default')
      .filter((e) => ['ProvisioningSucceeded', 'Scheduled'].includes((e as { reason?: string }).reason ?? ''))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => (e as { reason?: string }).reason);
    expect(order).toEqual(['ProvisioningSucceeded', 'Scheduled']);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('an unbound Immediate claim keeps the pod Pending with the scheduler message', () => {
    const c = createCluster({ seed: 1 });
    apply(c, `${classes}\n---\n${claim('data', 'static')}\n---\n${pod('p', 'data')}`);
    c.run('sleep 2');
    expect(c.run('kubectl get pod p -o jsonpath={.spec.nodeName}').stdout).toBe('');
    expect(events(c, 'p')).toBe(
      'FailedScheduling: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n',
    );
  });

  it('a claim that does not exist is reported by name', () => {
    const c = createCluster({ seed: 1 });
    apply(c, pod('p', 'missing'));
    expect(events(c, 'p')).toBe('FailedScheduling: 0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n');
  });
});
