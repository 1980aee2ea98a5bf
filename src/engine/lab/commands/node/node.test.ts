import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../index.ts';

type NodeView = {
  metadata: { labels: Record<string, string> };
  spec: { taints?: unknown[] };
  status: { capacity: Record<string, string>; images: Array<{ names: string[]; sizeBytes: number }> };
};

describe('lab node', () => {
  const run = (c: ReturnType<typeof createCluster>, l: string) => {
    const r = c.run(l);
    return { out: r.stdout, err: r.stderr, code: r.exitCode };
  };

  it('adds a node with capacity, labels, taints and preloaded images', () => {
    const c = createCluster({ nodes: 1 });
    expect(run(c, 'lab node add big --cpu 16 --memory 64Gi --pods 20 --labels disk=ssd,zone=a --taints gpu=true:NoSchedule --images nginx:1.27=68')).toEqual({ out: 'node/big added\n', err: '', code: 0 });
    const n = c.get('node', 'big') as unknown as NodeView;
    expect(n.status.capacity).toMatchObject({ cpu: '16', memory: '64Gi', pods: '20' });
    expect(n.metadata.labels).toMatchObject({ disk: 'ssd', zone: 'a', 'kubernetes.io/hostname': 'big' });
    // The node controller adds not-ready until the node's CNI pod runs (the kubelet registers it NotReady).
    expect(n.spec.taints).toEqual([{ key: 'gpu', value: 'true', effect: 'NoSchedule' }, expect.objectContaining({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' })]);
    expect(n.status.images.find((i) => i.names.includes('docker.io/library/nginx:1.27'))).toEqual({ names: [expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/), 'docker.io/library/nginx:1.27'], sizeBytes: 68_000_000 });
    const sizes = n.status.images.map((i) => i.sizeBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(run(c, 'kubectl get nodes --no-headers').out.split('\n').filter(Boolean)).toHaveLength(3);
    // A pod that tolerates the taint and lands there finds its image already present.
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeSelector: {disk: ssd}
  tolerations: [{key: gpu, operator: Exists}]
  containers: [{name: c, image: nginx:1.27}]
EOF`);
    // It waits for the node to become Ready (its flannel pod pulls and starts first).
    c.advance(20_000);
    expect(run(c, 'kubectl get events --field-selector reason=Pulled --no-headers').out).toContain('Container image "nginx:1.27" already present on machine');
  });

  it('registers a control-plane node', () => {
    const c = createCluster({ nodes: 0 });
    run(c, 'lab node add cp-2 --control-plane');
    const n = c.get('node', 'cp-2') as unknown as NodeView;
    expect(n.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '' });
    expect(n.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }, expect.objectContaining({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' })]);
  });

  const errors: Array<[string, { err: string; code: number }]> = [
    ['lab node add worker-1', { err: 'Error from server (AlreadyExists): nodes "worker-1" already exists\n', code: 1 }],
    ['lab node add x --cpu lots', { err: 'error: invalid --cpu value "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'\n', code: 1 }],
    ['lab node add x --taints gpu', { err: 'error: invalid taint spec: gpu\n', code: 1 }],
    ['lab node add x --images nginx', { err: 'error: invalid image "nginx": expected name:tag=sizeMB\n', code: 1 }],
    ['lab node fail nope', { err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 }],
    ['lab node recover worker-1', { err: 'error: node worker-1 has not failed\n', code: 1 }],
    ['lab node remove', { err: "error: exactly one node name is required\nSee 'lab node remove -h' for help and examples\n", code: 1 }],
  ];
  for (const [cmd, want] of errors) {
    it(`refuses: ${cmd}`, () => {
      const c = createCluster();
      expect(run(c, cmd)).toMatchObject(want);
      expect(c.list('node').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    });
  }

  it('fails a node only once', () => {
    const c = createCluster();
    expect(run(c, 'lab node fail worker-2')).toMatchObject({ out: 'node/worker-2 failed\n', code: 0 });
    expect(run(c, 'lab node fail worker-2')).toMatchObject({ err: 'error: node worker-2 has already failed\n', code: 1 });
  });
});
