import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

// Integration transcripts for the storage issue: static binding, dynamic provisioning with
// WaitForFirstConsumer, data that outlives pods, reclaim policies, a missing class, and volume mounts.

function sh(c: Cluster, line: string): string {
  const r = c.run(line);
  return r.stdout + r.stderr;
}

function apply(c: Cluster, yaml: string): string {
  c.writeFile('x.yaml', yaml);
  return sh(c, 'kubectl apply -f x.yaml');
}

const claimYaml = (name: string, extra = '', size = '1Gi', modes = 'ReadWriteOnce') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${extra}  accessModes: [${modes}]
  resources:
    requests:
      storage: ${size}
`;

const podYaml = (name: string, claim: string, cmd = 'sleep 3600') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "${cmd}"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}
`;

const eventsOf = (c: Cluster, name: string) =>
  c
    .list('events')
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${e.reason}: ${e.message}`);

describe('storage', () => {
  it('the default StorageClass and CSI objects exist from the start', () => {
    const c = createCluster({ nodes: 2 });
    expect(sh(c, 'kubectl get sc')).toBe(
      'NAME                 PROVISIONER           RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   disk.csi.kubelab.io   Delete          WaitForFirstConsumer   false                  16s\n',
    );
    expect(c.list('csinodes').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('static binding: the smallest matching PV, annotations, phases, printers', () => {
    const c = createCluster({ nodes: 1 });
    apply(
      c,
      `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-small
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/small}
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-big
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /mnt/big}
---
${claimYaml('claim', '  storageClassName: manual\n', '500Mi')}`,
    );
    c.advance(1000);
    expect(sh(c, 'kubectl get pvc')).toBe(
      'NAME    STATUS   VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
        'claim   Bound    pv-small   1Gi        RWO            manual         <unset>                 1s\n',
    );
    expect(sh(c, 'kubectl get pv')).toBe(
      'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM           STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'pv-big     10Gi       RWO            Retain           Available                   manual         <unset>                          1s\n' +
        'pv-small   1Gi        RWO            Retain           Bound       default/claim   manual         <unset>                          1s\n',
    );
    const claim = c.get('pvc', 'claim')!;
    expect(claim.metadata.annotations?.['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(claim.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const pv = c.get('pv', 'pv-small')!;
    expect(pv.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect((pv.spec as { claimRef: { uid: string } }).claimRef.uid).toBe(claim.metadata.uid);
  });

  it('a claim without a class and no volume: FailedBinding', () => {
    const c = createCluster({ nodes: 1 });
    apply(c, claimYaml('nocls', '  storageClassName: ""\n'));
    c.advance(0);
    expect(eventsOf(c, 'nocls')).toEqual(['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
  });

  it('a claim for a missing class: ProvisioningFailed', () => {
    const c = createCluster({ nodes: 1 });
    apply(c, claimYaml('fast', '  storageClassName: fast\n'));
    c.advance(0);
    expect(eventsOf(c, 'fast')).toEqual(['ProvisioningFailed: storageclass.storage.k8s.io "fast" not found']);
    expect(sh(c, 'kubectl get pvc fast')).toContain('fast   Pending                                      fast           <unset>');
  });

  it('dynamic provisioning waits for the first consumer, then runs the CSI steps', () => {
    const c = createCluster({ nodes: 2 });
    apply(c, claimYaml('data'));
    c.runUntilIdle(30_000);
    expect((c.get('pvc', 'data')!.status as { phase: string }).phase).toBe('Pending');
    expect(eventsOf(c, 'data')).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    apply(c, podYaml('app', 'data'));
    c.runUntilIdle(60_000);
    const claim = c.get('pvc', 'data')!;
    const node = (c.get('pod', 'app')!.spec as { nodeName: string }).nodeName;
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect(claim.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('disk.csi.kubelab.io');
    const pvName = `pvc-${claim.metadata.uid}`;
    expect((claim.spec as { volumeName: string }).volumeName).toBe(pvName);
    expect(eventsOf(c, 'data')).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'disk.csi.kubelab.io' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${pvName}`,
    ]);
    expect(eventsOf(c, 'app')).toContain(`SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "${pvName}" `);
    expect((c.get('pod', 'app')!.status as { phase: string }).phase).toBe('Running');
    const pv = c.get('pv', pvName)!;
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('disk.csi.kubelab.io');
    expect(pv.metadata.finalizers).toEqual(['external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection']);
    const va = c.list('volumeattachments');
    expect(va.map((v) => [(v.spec as { nodeName: string }).nodeName, (v.status as { attached: boolean }).attached])).toEqual([[node, true]]);
    const trace = sh(c, 'lab storage trace');
    const calls = trace.split('\n').slice(1, -1).map((l) => l.split(/\s{3,}/)[1]);
    expect(calls).toEqual(['CreateVolume', 'ControllerPublishVolume', 'NodeStageVolume', 'NodePublishVolume']);
  });

  it('data written to a claim survives the pod; a new pod on another node reads it; emptyDir data does not', () => {
    const c = createCluster({ nodes: 2 });
    apply(c, `${claimYaml('data')}---\n${podYaml('writer', 'data', 'echo hello > /data/greeting; sleep 3600')}`);
    c.runUntilIdle(60_000);
    expect(sh(c, 'kubectl exec writer -- cat /data/greeting')).toBe('hello\n');
    sh(c, 'kubectl exec writer -- sh -c "echo again >> /data/greeting"');
    const first = (c.get('pod', 'writer')!.spec as { nodeName: string }).nodeName;
    sh(c, 'kubectl delete pod writer');
    c.runUntilIdle(60_000);
    // Pin the reader to the other node: the disk detaches there and attaches here.
    const other = first === 'worker-1' ? 'worker-2' : 'worker-1';
    apply(c, podYaml('reader', 'data').replace('spec:\n  containers:', `spec:\n  nodeName: ${other}\n  containers:`));
    c.runUntilIdle(60_000);
    expect(sh(c, 'kubectl exec reader -- cat /data/greeting')).toBe('hello\nagain\n');
    expect(sh(c, 'kubectl exec reader -- ls /data')).toBe('greeting\n');
    const ops = sh(c, 'lab storage trace').split('\n').slice(1, -1).map((l) => l.split(/\s+/).slice(1, 4).join(' '));
    const pvName = c.list('pv')[0].metadata.name;
    expect(ops).toEqual([
      `CreateVolume ${pvName} capacity`,
      `ControllerPublishVolume ${pvName} ${first}`,
      `NodeStageVolume ${pvName} ${first}`,
      `NodePublishVolume ${pvName} ${first}`,
      `NodeUnpublishVolume ${pvName} ${first}`,
      `NodeUnstageVolume ${pvName} ${first}`,
      `ControllerUnpublishVolume ${pvName} ${first}`,
      `ControllerPublishVolume ${pvName} ${other}`,
      `NodeStageVolume ${pvName} ${other}`,
      `NodePublishVolume ${pvName} ${other}`,
    ]);

    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts: [{name: tmp, mountPath: /cache}]
  - name: b
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts: [{name: tmp, mountPath: /shared}]
  volumes:
  - name: tmp
    emptyDir: {}
`,
    );
    c.runUntilIdle(60_000);
    sh(c, 'kubectl exec scratch -c a -- sh -c "echo x > /cache/f"');
    expect(sh(c, 'kubectl exec scratch -c b -- cat /shared/f')).toBe('x\n');
    sh(c, 'kubectl delete pod scratch');
    c.runUntilIdle(60_000);
    sh(c, 'kubectl apply -f x.yaml');
    c.runUntilIdle(60_000);
    expect(sh(c, 'kubectl exec scratch -c b -- ls /shared')).toBe('');
  });

  const reclaimCases = [
    { name: 'Retain keeps a Released volume and its data', policy: 'Retain', wantPV: 'Released' },
    { name: 'Delete removes the volume and its disk', policy: 'Delete', wantPV: undefined },
  ];
  for (const tc of reclaimCases) {
    it(tc.name, () => {
      const c = createCluster({ nodes: 1 });
      apply(
        c,
        `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: keep
provisioner: disk.csi.kubelab.io
reclaimPolicy: ${tc.policy}
volumeBindingMode: Immediate
---
${claimYaml('data', '  storageClassName: keep\n')}`,
      );
      c.runUntilIdle(30_000);
      const claim = c.get('pvc', 'data')!;
      expect((claim.status as { phase: string }).phase).toBe('Bound');
      const pvName = `pvc-${claim.metadata.uid}`;
      sh(c, 'kubectl delete pvc data');
      c.runUntilIdle(30_000);
      expect(c.get('pvc', 'data')).toBeUndefined();
      const pv = c.get('pv', pvName);
      expect((pv?.status as { phase: string } | undefined)?.phase).toBe(tc.wantPV);
      const trace = sh(c, 'lab storage trace');
      expect(trace.includes('DeleteVolume')).toBe(tc.policy === 'Delete');
    });
  }

  it('pvc-protection keeps a claim in use until its pod is gone', () => {
    const c = createCluster({ nodes: 1 });
    apply(c, `${claimYaml('data')}---\n${podYaml('app', 'data')}`);
    c.runUntilIdle(60_000);
    sh(c, 'kubectl delete pvc data --wait=false');
    c.advance(1000);
    expect(sh(c, 'kubectl get pvc data')).toContain('data   Terminating');
    sh(c, 'kubectl delete pod app');
    c.runUntilIdle(60_000);
    expect(c.get('pvc', 'data')).toBeUndefined();
    expect(c.list('pv')).toEqual([]);
  });

  it('configMap, secret and projected volumes; FailedMount for a missing ConfigMap', () => {
    const c = createCluster({ nodes: 1 });
    sh(c, 'kubectl create configmap cfg --from-literal=color=blue');
    sh(c, 'kubectl create secret generic pw --from-literal=password=s3cret');
    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: files
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: pw, mountPath: /etc/pw}
    - {name: cfg, mountPath: /color.txt, subPath: color}
  volumes:
  - name: cfg
    configMap: {name: cfg}
  - name: pw
    secret: {secretName: pw}
`,
    );
    c.runUntilIdle(60_000);
    expect(sh(c, 'kubectl exec files -- cat /etc/cfg/color')).toBe('blue');
    expect(sh(c, 'kubectl exec files -- cat /etc/pw/password')).toBe('s3cret');
    expect(sh(c, 'kubectl exec files -- cat /color.txt')).toBe('blue');
    expect(sh(c, 'kubectl exec files -- sh -c "echo x > /etc/cfg/new"')).toBe("sh: can't create /etc/cfg/new: Read-only file system\ncommand terminated with exit code 1\n");

    apply(c, podYaml('broken', 'x').replace('persistentVolumeClaim:\n      claimName: x', 'configMap:\n      name: missing'));
    c.advance(5000);
    expect(eventsOf(c, 'broken')).toContain('FailedMount: MountVolume.SetUp failed for volume "data" : configmap "missing" not found');
    expect(sh(c, 'kubectl get pod broken')).toContain('ContainerCreating');
    sh(c, 'kubectl create configmap missing --from-literal=a=b');
    c.runUntilIdle(60_000);
    expect((c.get('pod', 'broken')!.status as { phase: string }).phase).toBe('Running');
  });

  const validation = [
    {
      name: 'access modes and storage are required',
      yaml: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  resources: {}\n',
      want: 'The PersistentVolumeClaim "bad" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value\n',
    },
    {
      name: 'unknown access mode',
      yaml: claimYaml('bad', '', '1Gi', 'ReadWriteSometimes'),
      want: 'The PersistentVolumeClaim "bad" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"\n',
    },
    {
      name: 'a PV needs a source',
      yaml: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: bad\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n',
      want: 'The PersistentVolume "bad" is invalid: spec: Required value: must specify a volume type\n',
    },
    {
      name: 'StorageClass binding mode',
      yaml: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: bad\nprovisioner: x.io/y\nvolumeBindingMode: Later\n',
      want: 'The StorageClass "bad" is invalid: volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"\n',
    },
  ];
  for (const tc of validation) {
    it(`validation: ${tc.name}`, () => {
      const c = createCluster({ nodes: 0 });
      c.writeFile('bad.yaml', tc.yaml);
      const r = c.run('kubectl create -f bad.yaml');
      expect(r.stderr).toBe(tc.want);
      expect(r.exitCode).toBe(1);
    });
  }

  it('the spec of a claim is immutable except the storage request', () => {
    const c = createCluster({ nodes: 0 });
    apply(c, claimYaml('data', '  storageClassName: ""\n'));
    c.advance(0);
    const r = c.run(`kubectl apply -f - <<EOF\n${claimYaml('data', '  storageClassName: ""\n', '1Gi', 'ReadWriteMany')}EOF`);
    expect(r.stderr).toMatch(/^The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  });
});
