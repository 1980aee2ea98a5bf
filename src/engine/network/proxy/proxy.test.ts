import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { kernelProbability, kernelRule } from './kernel.ts';
import type { KubeProxyService } from './types.ts';

function cluster(opts: Parameters<typeof createCluster>[0] = {}) {
  const c = createCluster({ nodes: 2, ...opts });
  c.run('kubectl create deployment web --image=nginx --replicas=3');
  c.runUntilIdle();
  c.run('kubectl expose deployment web --port=80');
  c.runUntilIdle();
  const kp = c.runtime.service<KubeProxyService>('kube-proxy')!;
  const ip = (c.get('service', 'web') as unknown as { spec: { clusterIP: string } }).spec.clusterIP;
  return { c, kp, ip };
}

describe('iptables-save (kernel form)', () => {
  // What a real node's iptables-save prints for the rules kube-proxy restores.
  it.each([
    {
      in: '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
      want: '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
    },
    {
      in: '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ',
      want: '-A KUBE-SEP-SXIVWICOYRO3J4NJ -s 10.180.0.1/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ',
    },
    {
      in: '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-UKSFD7AGPMPPLUHC',
      want: '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-UKSFD7AGPMPPLUHC',
    },
    {
      in: '-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80',
      want: '-A KUBE-SEP-I77PXRDZVX7PMWMN -p tcp -m comment --comment "ns5/svc5:p80" -m recent --set --name KUBE-SEP-I77PXRDZVX7PMWMN --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.3:80',
    },
    { in: '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000', want: '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000' },
    { in: '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000', want: '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0' },
  ])('$want', ({ in: input, want }) => expect(kernelRule(input)).toBe(want));

  it.each([
    { p: '0.5000000000', want: '0.50000000000' },
    { p: '0.3333333333', want: '0.33333333349' },
    { p: '0.2500000000', want: '0.25000000000' },
    { p: '0.1000000000', want: '0.10000000009' },
  ])('probability $p prints as $want', ({ p, want }) => expect(kernelProbability(p)).toBe(want));
});

describe('kube-proxy on the nodes', () => {
  it('kubectl expose → ssh worker-1 -- iptables-save | grep web', () => {
    const { c, ip } = cluster();
    const r = c.run('ssh worker-1 -- iptables-save | grep web');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('-A KUBE-SEP-')).length).toBe(6);
    expect(lines).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G`);
    expect(lines.filter((l) => l.includes('--probability')).map((l) => l.replace(/.*--probability (\S+).*/, '$1'))).toEqual(['0.33333333349', '0.50000000000']);
  });

  it('rules follow endpoint changes on every node (scale to 1, then 0: REJECT)', () => {
    const { c, kp, ip } = cluster();
    c.run('kubectl scale deployment web --replicas=1');
    c.runUntilIdle();
    for (const n of c.list('nodes').map((x) => x.metadata.name!)) {
      expect(kp.iptablesSave(n).match(/-A KUBE-SEP-\S+ -p tcp .*default\/web/g)?.length).toBe(1);
    }
    c.run('kubectl scale deployment web --replicas=0');
    c.runUntilIdle();
    const save = kp.iptablesSave('worker-2');
    expect(save).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
    expect(kp.route('worker-2', { srcIP: '10.244.2.9', dstIP: ip, dstPort: 80 }).verdict).toBe('REJECT');
  });

  it('route picks endpoints with the statistic rules and marks off-cluster sources for masquerade', () => {
    const { kp, ip } = cluster();
    const seen = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const r = kp.route('worker-1', { srcIP: '10.244.1.50', dstIP: ip, dstPort: 80 });
      expect(r.verdict).toBe('DNAT');
      expect(r.masquerade).toBe(false);
      seen.set(r.endpoint!.ip, (seen.get(r.endpoint!.ip) ?? 0) + 1);
    }
    expect(seen.size).toBe(3);
    for (const n of seen.values()) expect(n).toBeGreaterThan(60);
    expect(kp.route('worker-1', { srcIP: '172.18.0.3', dstIP: ip, dstPort: 80 }).masquerade).toBe(true);
  });

  it('sessionAffinity ClientIP sticks through the recent list', () => {
    const { c, kp, ip } = cluster();
    c.runtime.api.modify('services', 'default', 'web', (o) => {
      (o.spec as { sessionAffinity?: string }).sessionAffinity = 'ClientIP';
    });
    c.runUntilIdle();
    expect(kp.iptablesSave('worker-1')).toContain('--rcheck --seconds 10800 --reap --name KUBE-SEP-');
    const first = kp.route('worker-1', { srcIP: '10.244.1.77', dstIP: ip, dstPort: 80 }).endpoint!.ip;
    for (let i = 0; i < 20; i++) expect(kp.route('worker-1', { srcIP: '10.244.1.77', dstIP: ip, dstPort: 80 }).endpoint!.ip).toBe(first);
  });

  it('switching the ConfigMap to ipvs reprograms every node; ipvsadm and ipset show the service', () => {
    const { c, kp, ip } = cluster();
    const cm = c.get('configmap', 'kube-proxy', 'kube-system') as unknown as { data: Record<string, string> };
    const conf = cm.data['config.conf'].replace('mode: iptables', 'mode: ipvs').replace('scheduler: ""', 'scheduler: "lc"');
    c.writeFile('cm.yaml', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { ...cm.data, 'config.conf': conf } }));
    expect(c.run('kubectl apply -f cm.yaml').exitCode).toBe(0);
    c.runUntilIdle();
    // Each kube-proxy reads config.conf when it starts: nothing changes until the pods restart.
    for (const n of ['worker-1', 'worker-2']) expect(kp.mode(n)).toBe('iptables');
    expect(c.run('kubectl -n kube-system rollout restart ds kube-proxy').stdout).toBe('daemonset.apps/kube-proxy restarted\n');
    expect(c.run('kubectl -n kube-system rollout status ds kube-proxy').exitCode).toBe(0);
    for (const n of ['worker-1', 'worker-2']) expect(kp.mode(n)).toBe('ipvs');
    const out = c.run('ssh worker-1 -- ipvsadm -Ln').stdout;
    expect(out).toContain(`TCP  ${ip}:80 lc\n`);
    expect(out.match(/ {2}-> 10\.244\.\d+\.\d+:80 {2,}Masq {4}1 {6}0 {10}0 {9}\n/g)?.length).toBe(3);
    expect(c.run('ssh worker-1 -- ipset list KUBE-CLUSTER-IP').stdout).toContain(`${ip},tcp:80`);
    expect(c.run('ssh worker-1 -- ip addr').stdout).toContain(`inet ${ip}/32 scope global kube-ipvs0`);
    expect(c.run('ssh worker-1 -- iptables-save').stdout).not.toContain('KUBE-SVC-');
    const r = kp.route('worker-1', { srcIP: '10.244.1.5', dstIP: ip, dstPort: 80 });
    expect(r).toMatchObject({ kind: 'ipvs', verdict: 'DNAT', rulesEvaluated: 1 });
    const pod = c.list('pods', 'kube-system').find((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && (p.spec as { nodeName?: string }).nodeName === 'worker-1')!;
    expect(c.run(`kubectl -n kube-system logs ${pod.metadata.name}`).stdout).toContain('"Using ipvs Proxier"');
    // kube-proxy is a pod, not a systemd unit (kubeadm): the node's journal has nothing under its name.
    expect(c.run('ssh worker-1 -- journalctl -u kube-proxy').stdout).toBe('-- No entries --\n');
  });

  it('an invalid mode makes the restarted kube-proxy fail and keeps the old rules', () => {
    const { c, kp } = cluster();
    c.runtime.api.modify('configmaps', 'kube-system', 'kube-proxy', (o) => {
      (o as unknown as { data: Record<string, string> }).data['config.conf'] = 'mode: bogus\n';
    });
    c.run('kubectl -n kube-system rollout restart ds kube-proxy');
    c.advance(30_000);
    const failing = c.list('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy' && !p.metadata.deletionTimestamp && !(p.status as { containerStatuses?: Array<{ ready: boolean }> }).containerStatuses?.[0]?.ready);
    expect(failing.length).toBeGreaterThan(0);
    expect(c.run(`kubectl -n kube-system logs ${failing[0].metadata.name}`).stdout).toContain('must be iptables, ipvs or nftables');
    for (const n of ['control-plane', 'worker-1', 'worker-2']) expect(kp.mode(n)).toBe('iptables');
  });
});

describe('node shell', () => {
  it('ssh NODE enters the node shell; exit returns', () => {
    const { c } = cluster();
    const shell = c.run('ssh worker-1');
    expect(shell.exitCode).toBe(0);
    expect(c.run('hostname').stdout).toBe('worker-1\n');
    expect(c.run('kubectl get pods').stderr).toBe('bash: kubectl: command not found\n');
    expect(c.run('exit').stdout).toBe('logout\n');
    expect(c.run('kubectl get svc web').exitCode).toBe(0);
  });

  it.each([
    { cmd: 'ssh worker-9 -- ip addr', code: 255, err: 'ssh: Could not resolve hostname worker-9: Name or service not known\n' },
    { cmd: 'ssh worker-1 -- nslookup x', code: 127, err: 'bash: nslookup: command not found\n' },
    { cmd: 'ssh worker-1 -- iptables -t nat -L NOPE -n', code: 1, err: 'iptables: No chain/target/match by that name.\n' },
  ])('$cmd', ({ cmd, code, err }) => {
    const { c } = cluster();
    const r = c.run(cmd);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toBe(err);
  });

  it('ip route (flannel) and ip route (calico)', () => {
    const f = cluster().c.run('ssh worker-1 -- ip route').stdout;
    expect(f).toBe(
      'default via 172.18.0.1 dev eth0 \n10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink \n10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 \n',
    );
    const k = cluster({ cni: 'calico' }).c.run('ssh worker-1 -- ip route').stdout;
    expect(k).toContain('10.244.2.0/24 via 172.18.0.4 dev tunl0 proto bird onlink \n');
    expect(k).toMatch(/10\.244\.1\.\d+ dev cali[0-9a-f]{11} scope link \n/);
  });

  it('iptables -t nat -L KUBE-SERVICES -n', () => {
    const { c, ip } = cluster();
    const out = c.run('ssh worker-1 -- iptables -t nat -L KUBE-SERVICES -n').stdout;
    expect(out.split('\n').slice(0, 2)).toEqual(['Chain KUBE-SERVICES (2 references)', 'target     prot opt source               destination         ']);
    expect(out).toContain(`KUBE-SVC-LOLE4ISW44XBNF3G tcp  --  0.0.0.0/0            ${ip.padEnd(20)} /* default/web cluster IP */ tcp dpt:80\n`);
  });

  it('conntrack -L lists the NAT flows routed through the node', () => {
    const { c, kp, ip } = cluster();
    // A client address no pod holds (a pod's own address would be a hairpin, masqueraded to the node).
    kp.route('worker-1', { srcIP: '10.244.1.250', dstIP: ip, dstPort: 80 });
    const r = c.run('ssh worker-1 -- conntrack -L');
    expect(r.stdout).toMatch(new RegExp(`^tcp {6}6 \\d+ TIME_WAIT src=10\\.244\\.1\\.250 dst=${ip.replace(/\./g, '\\.')} sport=\\d+ dport=80 src=10\\.244\\.\\d+\\.\\d+ dst=10\\.244\\.1\\.250`));
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
  });
});
