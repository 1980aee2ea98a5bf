import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const ok = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  expect(r.exitCode, `${cmd}: ${r.stderr}`).toBe(0);
  return r;
};

// busybox ps (procps/ps.c, default format "pid,user,time,args"), ip (networking/ip.c) and hostname -i inside a
// pod: a PID namespace per container unless spec.shareProcessNamespace (then /pause is PID 1, see the
// "Share Process Namespace between Containers in a Pod" task page), eth0@ifN from the CNI veth pair.
describe('busybox ps, ip and hostname -i inside a pod', () => {
  const c = createCluster({ seed: 7 });
  ok(c, 'kubectl run box --image=busybox -- sleep 3600');
  ok(c, 'kubectl run web --image=nginx');
  ok(c, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: true
  containers:
  - {name: web, image: nginx}
  - {name: shell, image: busybox, command: [sleep, "3600"]}
EOF`);
  c.advance(30_000);
  const ip = ok(c, 'kubectl get pod box -o jsonpath={.status.podIP}').stdout;
  const [a, b, cc, d] = ip.split('.');
  it.each([
    { name: 'ps: the container command is PID 1', cmd: 'kubectl exec box -- ps', out: 'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n' },
    {
      name: 'ps with shareProcessNamespace: /pause is PID 1, both containers listed',
      cmd: 'kubectl exec shared -c shell -- ps',
      out: 'PID   USER     TIME  COMMAND\n    1 root      0:00 /pause\n    7 root      0:00 nginx: master process nginx -g daemon off;\n    8 101       0:00 nginx: worker process\n    9 101       0:00 nginx: worker process\n   15 root      0:00 sleep 3600\n   21 root      0:00 ps\n',
    },
    { name: 'hostname -i prints the pod IP', cmd: 'kubectl exec box -- hostname -i', out: `${ip}\n` },
    { name: 'hostname prints the pod name', cmd: 'kubectl exec box -- hostname', out: 'box\n' },
    // flannel's CNI config delegates to the bridge plugin with isDefaultGateway and a route for the cluster CIDR.
    {
      name: 'ip route: default and the cluster CIDR via cni0',
      cmd: 'kubectl exec box -- ip route',
      out: `default via ${a}.${b}.${cc}.1 dev eth0 \n10.244.0.0/16 via ${a}.${b}.${cc}.1 dev eth0 \n${a}.${b}.${cc}.0/24 dev eth0 scope link  src ${ip} \n`,
    },
  ])('$name', ({ cmd, out }) => {
    expect(ok(c, cmd).stdout).toBe(out);
  });
  it('ip addr: lo and eth0@ifN with the pod IP/24', () => {
    const out = ok(c, 'kubectl exec box -- ip addr').stdout;
    expect(out).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n {4}link\/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n {4}inet 127\.0\.0\.1\/8 scope host lo\n/);
    // flannel's VXLAN MTU; the peer index is the host-side veth the node lists as `N: vethXXXX@if2`.
    const n = /\n2: eth0@if(\d+): <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n/.exec(out)?.[1];
    expect(n).toBeDefined();
    const node = ok(c, 'kubectl get pod box -o jsonpath={.spec.nodeName}').stdout;
    expect(ok(c, `ssh ${node} -- ip addr`).stdout).toMatch(new RegExp(`\n${n}: veth\\w+@if2: `));
    const mac = ['0a', '58', ...[a, b, cc, d].map((x) => Number(x).toString(16).padStart(2, '0'))].join(':');
    expect(out).toContain(`    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n    inet ${ip}/24 brd ${a}.${b}.${cc}.255 scope global eth0\n`);
  });
  it.each([
    { name: 'nginx (Debian) has no ps', cmd: 'kubectl exec web -- ps', err: /exec: "ps": executable file not found in \$PATH/ },
    { name: 'nginx (Debian) has no ip', cmd: 'kubectl exec web -- ip addr', err: /exec: "ip": executable file not found in \$PATH/ },
  ])('$name', ({ cmd, err }) => {
    const r = c.run(cmd);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(err);
  });
});
