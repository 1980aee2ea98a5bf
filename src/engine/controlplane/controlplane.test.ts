import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { etcdTable, humanBytes } from '../lab/commands/etcd/shared.ts';

type LeaseSpec = { holderIdentity: string; leaseDurationSeconds: number; leaseTransitions: number; acquireTime: string; renewTime: string };
const lease = (c: ReturnType<typeof createCluster>, name: string) => c.get('lease', name, 'kube-system')!.spec as LeaseSpec;
const holderNode = (c: ReturnType<typeof createCluster>, name: string) => lease(c, name).holderIdentity.split('_')[0];

describe('control-plane nodes', () => {
  const cases = [
    { name: 'one control plane (default)', opts: {}, want: ['control-plane', 'worker-1'] },
    { name: 'three control planes, named as kind names them', opts: { controlPlanes: 3 as const }, want: ['control-plane', 'control-plane2', 'control-plane3', 'worker-1'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster({ nodes: 1, ...tc.opts });
      expect(c.list('nodes').map((n) => n.metadata.name)).toEqual(tc.want);
      for (const n of tc.want.filter((x) => x.startsWith('control-plane'))) {
        expect(c.get('node', n)!.metadata.labels).toHaveProperty('node-role.kubernetes.io/control-plane', '');
      }
    });
  }
});

describe('leader election (client-go leaderelection, kube-controller-manager/kube-scheduler defaults)', () => {
  it('creates both Leases at start, as on kubeadm, held by <node>_<uuid> for 15 s', () => {
    const c = createCluster({ nodes: 1 });
    for (const name of ['kube-controller-manager', 'kube-scheduler']) {
      const l = lease(c, name);
      expect(l.holderIdentity).toMatch(/^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(l).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 0, acquireTime: '2025-01-01T00:00:00.000000Z' });
    }
    const r = c.run('kubectl get lease -n kube-system');
    expect(r.stdout.split('\n')[0]).toBe('NAME                      HOLDER                                               AGE');
    const ev = c.list('event', 'kube-system').filter((e) => e.reason === 'LeaderElection');
    const involved = (e: (typeof ev)[number]) => e.involvedObject as { kind: string; name: string };
    expect(ev.map((e) => [involved(e).kind, involved(e).name, e.message])).toEqual([
      ['Lease', 'kube-controller-manager', `${lease(c, 'kube-controller-manager').holderIdentity} became leader`],
      ['Lease', 'kube-scheduler', `${lease(c, 'kube-scheduler').holderIdentity} became leader`],
    ]);
  });

  it('the leader renews every retry period (2 s)', () => {
    const c = createCluster({ nodes: 1, boot: false });
    c.advance(7_000);
    expect(lease(c, 'kube-scheduler').renewTime).toBe('2025-01-01T00:00:06.000000Z');
  });

  it('a peer takes over only after the lease expires (15 s after it last saw a change), and leaderless controllers wait', () => {
    const c = createCluster({ nodes: 1, controlPlanes: 3 });
    c.advance(10_000);
    c.run('lab node fail control-plane');
    c.run('kubectl create deployment web --image=nginx');
    c.advance(14_000);
    expect(holderNode(c, 'kube-controller-manager')).toBe('control-plane');
    expect(c.list('replicaset', 'default')).toHaveLength(0);
    // Expiry is observed-time + 15 s; a candidate polls every 2–4.4 s (RetryPeriod with JitterFactor 1.2).
    c.advance(1_000 + 4_400);
    expect(holderNode(c, 'kube-controller-manager')).not.toBe('control-plane');
    expect(lease(c, 'kube-controller-manager').leaseTransitions).toBe(1);
    expect(holderNode(c, 'kube-scheduler')).not.toBe('control-plane');
    c.runUntilIdle(60_000);
    expect(c.run('kubectl get deploy web -o jsonpath={.status.readyReplicas}').stdout).toBe('1');
    expect(c.runtime.internalErrors).toEqual([]);
  });
});

describe('API availability', () => {
  const cases = [
    {
      name: 'one of three control planes down: the API still serves',
      opts: { controlPlanes: 3 as const },
      fail: ['control-plane'],
      want: { exitCode: 0, stderr: '' },
    },
    {
      name: 'two of three down: etcd has no quorum',
      opts: { controlPlanes: 3 as const },
      fail: ['control-plane', 'control-plane2'],
      want: { exitCode: 1, stderr: 'Error from server: etcdserver: request timed out\n' },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster({ nodes: 1, ...tc.opts });
      for (const n of tc.fail) c.run(`lab node fail ${n}`);
      const r = c.run('kubectl get ns default -o name');
      expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual(tc.want);
      for (const n of tc.fail) c.run(`lab node recover ${n}`);
      expect(c.run('kubectl get ns default -o name').stdout).toBe('namespace/default\n');
    });
  }

  it('the only control plane down: kubectl cannot connect (as kubectl 1.32 against a closed port)', () => {
    const c = createCluster({ nodes: 1, boot: false });
    c.run('lab node fail control-plane');
    const r = c.run('kubectl get pods');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      'E0101 00:00:00.000000   24572 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://127.0.0.1:6443/api?timeout=32s\\": dial tcp 127.0.0.1:6443: connect: connection refused"',
    );
    expect(lines[5]).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    expect(r.exitCode).toBe(1);
    // Client-only commands still work.
    expect(c.run('kubectl create deployment x --image=nginx --dry-run=client -o name').stdout).toBe('deployment.apps/x\n');
    expect(c.run('lab controlplane status').exitCode).toBe(0);
  });
});

describe('etcd snapshots', () => {
  it('restore puts every object and the revision back; components reconcile from there', () => {
    const c = createCluster({ nodes: 1 });
    c.run('kubectl create deployment web --image=nginx');
    c.runUntilIdle(60_000);
    expect(c.run('lab etcd snapshot save snap.db').stdout).toBe('Snapshot saved at snap.db\n');
    const rev = c.runtime.store.currentRevision();
    c.run('kubectl delete deployment web');
    c.run('kubectl create deployment api --image=nginx');
    c.runUntilIdle(60_000);
    c.run('lab etcd snapshot restore snap.db');
    expect(c.runtime.store.currentRevision()).toBeGreaterThanOrEqual(rev);
    c.runUntilIdle(60_000);
    const pods = c.list('pod', 'default').map((p) => p.metadata.name!.split('-')[0]);
    expect(pods).toEqual(['web']);
    expect(c.get('deployment', 'api')).toBeUndefined();
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('restore of an unknown snapshot fails as etcdutl does', () => {
    const c = createCluster({ nodes: 1 });
    const r = c.run('lab etcd snapshot restore nope.db');
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr: 'Error: stat nope.db: no such file or directory\n', exitCode: 1 });
  });
});

describe('etcdctl output helpers', () => {
  // go-humanize's bytes_test.go (TestBytes).
  const bytes: Array<[number, string]> = [
    [0, '0 B'],
    [5, '5 B'],
    [1000, '1.0 kB'],
    [1500, '1.5 kB'],
    [82_854_982, '83 MB'],
    [5_600_000, '5.6 MB'],
  ];
  for (const [n, want] of bytes) it(`humanBytes(${n}) = ${want}`, () => expect(humanBytes(n)).toBe(want));

  it('tables as olekukonko/tablewriter with ALIGN_RIGHT (etcdctl -w table)', () => {
    expect(etcdTable(['ID', 'Status', 'Name'], [['cc8f63b712650a8', 'started', 'etcd-0'], ['6521db4a51c6590c', 'started', 'etcd-2']])).toBe(
      '+------------------+---------+--------+\n' +
        '|        ID        | STATUS  |  NAME  |\n' +
        '+------------------+---------+--------+\n' +
        '|  cc8f63b712650a8 | started | etcd-0 |\n' +
        '| 6521db4a51c6590c | started | etcd-2 |\n' +
        '+------------------+---------+--------+\n',
    );
  });
});
