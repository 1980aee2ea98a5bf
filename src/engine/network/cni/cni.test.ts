import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { CniService } from './index.ts';

function setup(cni: 'flannel' | 'calico') {
  const c = createCluster({ nodes: 2, cni });
  c.run('kubectl create deployment web --image=nginx --replicas=4');
  c.runUntilIdle();
  const svc = c.runtime.service<CniService>('cni')!;
  const pods = c.list('pods').map((p) => ({ ip: (p.status as { podIP: string }).podIP, node: (p.spec as { nodeName: string }).nodeName }));
  return { svc, pods };
}

describe('pod network paths', () => {
  it.each([
    { cni: 'flannel' as const, enforces: false, cross: 'overlay', devices: ['flannel.1', 'eth0'] },
    { cni: 'calico' as const, enforces: true, cross: 'routed', devices: ['tunl0', 'eth0'] },
  ])('$cni', ({ cni, enforces, cross, devices }) => {
    const { svc, pods } = setup(cni);
    expect(svc.enforcesPolicy).toBe(enforces);
    const [a, b] = pods.filter((p) => p.node === 'worker-1');
    const other = pods.find((p) => p.node === 'worker-2')!;
    expect(svc.hops(a.ip, b.ip).path).toBe('same-node');
    expect(svc.hops(a.ip, a.ip).path).toBe('loopback');
    const h = svc.hops(a.ip, other.ip);
    expect(h.path).toBe(cross);
    for (const d of devices) expect(h.hops.map((x) => x.device)).toContain(d);
    expect(svc.locate(a.ip)?.hostIf).toMatch(cni === 'flannel' ? /^veth[0-9a-f]{8}$/ : /^cali[0-9a-f]{11}$/);
    expect(svc.hops(a.ip, '8.8.8.8').path).toBe('external');
  });
});

describe('pod interfaces follow the pods', () => {
  // A pod's veth goes with its sandbox (CNI DEL when the pod is gone); the IP may then be handed to another pod.
  const cases: Array<{ name: string; steps: string[]; want: string[] }> = [
    { name: 'a deleted pod loses its interface', steps: ['kubectl delete pod a --grace-period=0 --force'], want: ['b'] },
    { name: 'pods that stay keep theirs', steps: [], want: ['a', 'b'] },
    { name: 'a pod created after a deletion gets one', steps: ['kubectl delete pod a --grace-period=0 --force', 'kubectl run c --image=nginx'], want: ['b', 'c'] },
  ];
  it.each(cases)('$name', ({ steps, want }) => {
    const c = createCluster({ nodes: 1 });
    c.run('kubectl run a --image=nginx');
    c.run('kubectl run b --image=nginx');
    c.runUntilIdle();
    for (const s of steps) {
      c.run(s);
      c.runUntilIdle();
    }
    const svc = c.runtime.service<CniService>('cni')!;
    const names = svc.pods('worker-1').filter((p) => p.namespace === 'default').map((p) => p.name).sort();
    expect(names).toEqual(want);
    for (const p of svc.pods('worker-1')) expect(svc.locate(p.ip)?.pod?.name).toBe(p.name);
  });
});
