import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const ok = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  expect(r.exitCode, `${cmd}: ${r.stderr}`).toBe(0);
  return r;
};

const names = (c: Cluster, kind: string, ns?: string) => c.list(kind, ns).map((o) => o.metadata.name);

describe('lab cluster create', () => {
  // What each flag changes in the new cluster (defaults as createCluster's: 2 workers, flannel, iptables, seed 1).
  it.each([
    { name: 'defaults', flags: '', nodes: ['control-plane', 'worker-1', 'worker-2'], cni: 'flannel', mode: 'iptables', dns: true },
    { name: '--nodes 3', flags: '--nodes 3', nodes: ['control-plane', 'worker-1', 'worker-2', 'worker-3'], cni: 'flannel', mode: 'iptables', dns: true },
    { name: '--nodes 0', flags: '--nodes=0', nodes: ['control-plane'], cni: 'flannel', mode: 'iptables', dns: true },
    { name: '--cni calico', flags: '--cni calico', nodes: ['control-plane', 'worker-1', 'worker-2'], cni: 'calico', mode: 'iptables', dns: true },
    { name: '--proxy-mode ipvs', flags: '--proxy-mode ipvs', nodes: ['control-plane', 'worker-1', 'worker-2'], cni: 'flannel', mode: 'ipvs', dns: true },
    { name: '--no-dns', flags: '--no-dns', nodes: ['control-plane', 'worker-1', 'worker-2'], cni: 'flannel', mode: 'iptables', dns: false },
  ])('$name', ({ flags, nodes, cni, mode, dns }) => {
    const c = createCluster({ nodes: 1, seed: 5 });
    ok(c, `lab cluster create ${flags}`);
    expect(names(c, 'nodes')).toEqual(nodes);
    expect(c.options().cni).toBe(cni);
    expect(ok(c, 'kubectl get cm kube-proxy -n kube-system -o jsonpath=\'{.data.config\\.conf}\'').stdout).toContain(`\nmode: ${mode}\n`);
    expect(c.get('service', 'kube-dns', 'kube-system') !== undefined).toBe(dns);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('passes --control-planes through as the controlPlanes option', () => {
    const c = createCluster();
    ok(c, 'lab cluster create --control-planes 3');
    expect(c.options().controlPlanes).toBe(3);
  });

  it('starts over: objects are gone, files, variables and history stay, watchers and onReset follow', () => {
    const c = createCluster({ seed: 3 });
    ok(c, 'kubectl create deployment web --image=nginx');
    c.advance(10_000);
    ok(c, 'echo kept > notes.txt; GREETING=hello');
    const events: string[] = [];
    c.watch((e) => events.push(`${e.type} ${e.kind} ${e.object.metadata.name}`));
    const resets: number[] = [];
    c.onReset((o) => resets.push(o.seed ?? -1));
    const oldNow = c.runtime.clock.timestamp();
    const r = ok(c, 'lab cluster create --seed 7; kubectl get deployments');
    expect(r.stdout).toMatch(/^Creating cluster "kubelab" \.\.\.\n/);
    // The rest of the line ran against the new cluster.
    expect(r.stderr).toBe('No resources found in default namespace.\n');
    expect(resets).toEqual([7]);
    // The new cluster is handed over booted: every node Ready.
    expect(ok(c, 'kubectl get nodes --no-headers').stdout.match(/ Ready /g)?.length).toBe(3);
    // Dates move on: the new cluster starts at the old one's wall-clock instant.
    expect(c.get('namespace', 'default')!.metadata.creationTimestamp).toBe(oldNow);
    expect(ok(c, 'cat notes.txt; echo $GREETING').stdout).toBe('kept\nhello\n');
    ok(c, 'kubectl create configmap after');
    expect(events).toContain('ADDED ConfigMap after');
  });

  it('the same seed gives the same cluster', () => {
    const run = (c: Cluster) => {
      ok(c, 'lab cluster create --seed 11 --nodes 2');
      ok(c, 'kubectl create deployment web --image=nginx --replicas=3');
      c.advance(5_000);
      return ok(c, 'kubectl get pods -A -o wide').stdout;
    };
    expect(run(createCluster({ seed: 1 }))).toBe(run(createCluster({ seed: 99, nodes: 5 })));
  });

  // Bad flags change nothing (the old cluster keeps running).
  it.each([
    { flags: '--cni weave', err: 'error: invalid argument "weave" for "--cni" flag: must be one of flannel, calico\n' },
    { flags: '--proxy-mode nftables', err: 'error: invalid argument "nftables" for "--proxy-mode" flag: must be one of iptables, ipvs, userspace\n' },
    { flags: '--nodes 101', err: 'error: invalid argument "101" for "--nodes" flag: must be between 0 and 100\n' },
    { flags: '--control-planes 2', err: 'error: invalid argument "2" for "--control-planes" flag: must be 1 or 3\n' },
    { flags: '--nodes x', err: 'Error: invalid argument "x" for "--nodes" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'lab cluster create --help\' for usage.\n' },
  ])('rejects $flags', ({ flags, err }) => {
    const c = createCluster();
    ok(c, 'kubectl create configmap keep');
    const r = c.run(`lab cluster create ${flags}`);
    expect(r).toEqual({ stdout: '', stderr: err, exitCode: 1 });
    expect(c.get('configmap', 'keep')).toBeDefined();
  });

  // NetworkPolicy is enforced only by a policy-capable CNI, as in reality (Calico yes, flannel no).
  it.each([
    { cni: 'flannel', exit: 0, stderr: '' },
    { cni: 'calico', exit: 1, stderr: 'wget: download timed out\ncommand terminated with exit code 1\n' },
  ])('a default-deny ingress policy under $cni', ({ cni, exit, stderr }) => {
    const c = createCluster();
    ok(c, `lab cluster create --cni ${cni}`);
    ok(c, 'kubectl create deployment web --image=nginx');
    ok(c, 'kubectl expose deployment web --port=80');
    ok(c, 'kubectl run client --image=busybox -- sleep 3600');
    ok(c, `kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
EOF`);
    c.advance(20_000);
    const r = c.run('kubectl exec client -- wget -qO- -T 2 web');
    expect(r.exitCode).toBe(exit);
    expect(r.stderr).toBe(stderr);
  });
});
