import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { parsePool } from './pool.ts';

const lbIP = (c: ReturnType<typeof createCluster>, name: string) => c.run(`kubectl get svc ${name} -o jsonpath={.status.loadBalancer.ingress[*].ip}`).stdout;

describe('LoadBalancer address pool (MetalLB-style)', () => {
  it('assigns the lowest free address, shows it as EXTERNAL-IP and gives it back', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('kubectl create service loadbalancer a --tcp=80:80');
    c.run('kubectl create service loadbalancer b --tcp=80:80');
    c.advance(1000);
    expect(lbIP(c, 'a')).toBe('172.18.255.200');
    expect(lbIP(c, 'b')).toBe('172.18.255.201');
    expect(c.run('kubectl get svc a').stdout).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\na +LoadBalancer +10\.\d+\.\d+\.\d+ +172\.18\.255\.200 +80:3\d{4}\/TCP +1s\n$/);
    expect(c.run('kubectl get svc a -o jsonpath={.status.loadBalancer.ingress[0].ipMode}').stdout).toBe('VIP');
    expect(c.run('kubectl get events --field-selector involvedObject.name=a -o jsonpath={.items[*].message}').stdout).toBe('Assigned IP ["172.18.255.200"]');
    c.run('kubectl delete svc a');
    c.run('kubectl create service loadbalancer c --tcp=80:80');
    c.advance(1000);
    expect(lbIP(c, 'c')).toBe('172.18.255.200');
  });

  it('stays <pending> without a pool, and picks addresses up when a pool ConfigMap appears', () => {
    const c = createCluster({ seed: 1, nodes: 1, loadBalancerPool: false });
    c.run('kubectl create service loadbalancer a --tcp=80:80');
    c.advance(1000);
    expect(c.run('kubectl get svc a').stdout).toMatch(/\na +LoadBalancer +\S+ +<pending> +80:/);
    expect(lbIP(c, 'a')).toBe('');
    c.run('kubectl create configmap loadbalancer-pool -n kube-system --from-literal=addresses=192.168.1.240/30');
    c.advance(1000);
    expect(lbIP(c, 'a')).toBe('192.168.1.240');
  });

  it('honours spec.loadBalancerIP inside the pool and refuses one outside it', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.runtime.files.set('lb.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: fixed\nspec:\n  type: LoadBalancer\n  loadBalancerIP: 172.18.255.210\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: outside\nspec:\n  type: LoadBalancer\n  loadBalancerIP: 10.0.0.1\n  ports:\n  - port: 80\n');
    c.run('kubectl create -f lb.yaml');
    c.advance(1000);
    expect(lbIP(c, 'fixed')).toBe('172.18.255.210');
    expect(lbIP(c, 'outside')).toBe('');
    expect(c.run('kubectl get events --field-selector involvedObject.name=outside -o jsonpath={.items[*].reason}').stdout).toBe('AllocationFailed');
  });

  it('changing the type away from LoadBalancer clears the address', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('kubectl create service loadbalancer a --tcp=80:80');
    c.advance(1000);
    const svc = c.get('Service', 'a')!;
    (svc.spec as Record<string, unknown>).type = 'ClusterIP';
    for (const p of (svc.spec as { ports: Array<Record<string, unknown>> }).ports) delete p.nodePort;
    delete (svc.spec as Record<string, unknown>).externalTrafficPolicy;
    delete (svc.spec as Record<string, unknown>).allocateLoadBalancerNodePorts;
    c.runtime.api.update(svc);
    c.advance(1000);
    expect(lbIP(c, 'a')).toBe('');
  });
});

describe('pool syntax', () => {
  const cases: Array<{ name: string; text: string; want: string[] | string }> = [
    { name: 'range', text: '172.18.255.200-172.18.255.202', want: ['172.18.255.200', '172.18.255.201', '172.18.255.202'] },
    { name: 'CIDR', text: '10.0.0.0/31', want: ['10.0.0.0', '10.0.0.1'] },
    { name: 'list', text: '10.0.0.5, 10.0.0.7', want: ['10.0.0.5', '10.0.0.7'] },
    { name: 'backwards range', text: '10.0.0.9-10.0.0.1', want: 'invalid IP range "10.0.0.9-10.0.0.1"' },
    { name: 'garbage', text: 'nope', want: 'invalid address "nope"' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = parsePool(tc.text);
      if (typeof tc.want === 'string') expect(r).toEqual({ error: tc.want });
      else expect(r).toEqual({ ips: tc.want });
    });
  }
});
