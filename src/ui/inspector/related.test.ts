import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster, type KubeObject } from '../../engine/index.ts';
import { iptablesRulesFor, logTail, proxyRules } from './engineViews.ts';
import { serviceEndpoints } from './endpoints.ts';
import { objectSummary, probeText } from './model.ts';
import { relations, selectorMatches } from './related.ts';

const c = createCluster({ seed: 7, nodes: 2 });
c.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
        livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 3}
EOF`);
c.run('kubectl expose deployment web --port=80');
c.run('kubectl create ingress web --rule=web.example/*=web:80');
c.runUntilIdle(120_000);
const kinds = ['Pod', 'Service', 'Ingress', 'Deployment', 'ReplicaSet', 'Node'];
const objects: Record<string, KubeObject[]> = Object.fromEntries(kinds.map((k) => [k, c.list(k)]));
const pods = c.list('pods', 'default').filter((p) => p.metadata?.labels?.app === 'web');
const asPod = (o: KubeObject) => o as Pod;
const svc = c.get('service', 'web', 'default')!;

describe('relations', () => {
  const names = (rs: ReturnType<typeof relations>, rel: string) => rs.filter((r) => r.relation === rel).map((r) => `${r.ref.kind}/${r.ref.name}`).sort();
  it('a pod: its ReplicaSet owner, the Service selecting it, its node', () => {
    const rs = relations(pods[0], objects);
    expect(names(rs, 'owner')).toEqual([`ReplicaSet/${pods[0].metadata?.ownerReferences?.[0].name}`]);
    expect(names(rs, 'selectedBy')).toEqual(['Service/web']);
    expect(names(rs, 'node')).toEqual([`Node/${asPod(pods[0]).spec?.nodeName}`]);
  });
  it('a Deployment owns its ReplicaSet (by uid)', () => {
    const rs = relations(c.get('deployment', 'web')!, objects);
    expect(names(rs, 'owned')).toEqual([`ReplicaSet/${pods[0].metadata?.ownerReferences?.[0].name}`]);
  });
  it('a Service: the pods it selects and the Ingress routing to it', () => {
    const rs = relations(svc, objects);
    expect(names(rs, 'selects')).toEqual(pods.map((p) => `Pod/${p.metadata?.name}`).sort());
    expect(names(rs, 'routedBy')).toEqual(['Ingress/web']);
  });
  it('an Ingress: its backend Service', () => expect(names(relations(c.get('ingress', 'web')!, objects), 'backend')).toEqual(['Service/web']));
  const cases: Array<{ name: string; sel: Record<string, string>; labels: Record<string, string>; want: boolean }> = [
    { name: 'empty selector selects nothing (Services without selectors)', sel: {}, labels: { a: '1' }, want: false },
    { name: 'subset matches', sel: { a: '1' }, labels: { a: '1', b: '2' }, want: true },
    { name: 'value differs', sel: { a: '1' }, labels: { a: '2' }, want: false },
  ];
  for (const x of cases) it(x.name, () => expect(selectorMatches(x.sel, x.labels)).toBe(x.want));
});

describe('service views', () => {
  it('endpoints as describe service lists them (ready addresses, their pods)', () => {
    const eps = serviceEndpoints(svc, c.list('endpointslices', 'default'));
    expect(eps.map((e) => e.pod).sort()).toEqual(pods.map((p) => p.metadata?.name).sort());
    expect(eps.map((e) => e.address).sort()).toEqual(pods.map((p) => asPod(p).status?.podIP).sort());
    const described = c.run('kubectl describe service web').stdout;
    const line = /\nEndpoints:\s+(.*)\n/.exec(described)?.[1];
    expect(line).toBe(eps.map((e) => `${e.address}:80`).join(','));
  });
  it('the kube-proxy rules for the Service are what iptables-save shows on the node', () => {
    const rules = proxyRules(c, 'worker-1', 'default', 'web', [(svc as { spec?: { clusterIP?: string } }).spec?.clusterIP ?? ''])!;
    expect(rules.mode).toBe('iptables');
    const save = c.run('ssh worker-1 iptables-save').stdout;
    for (const l of rules.lines) expect(save).toContain(l);
    expect(rules.lines.some((l) => l.startsWith('-A KUBE-SERVICES ') && l.includes('"default/web cluster IP"'))).toBe(true);
    expect(rules.lines.filter((l) => / -j DNAT --to-destination /.test(l)).length).toBe(2);
  });
  it('does not mix up Services whose names share a prefix', () => {
    const save = ['-A KUBE-SERVICES -m comment --comment "default/web cluster IP" -j KUBE-SVC-A', '-A KUBE-SERVICES -m comment --comment "default/web2 cluster IP" -j KUBE-SVC-B', '-A KUBE-SVC-A -j KUBE-SEP-X', '-A KUBE-SVC-B -j KUBE-SEP-Y'].join('\n');
    expect(iptablesRulesFor(save, 'default', 'web')).toEqual(['-A KUBE-SERVICES -m comment --comment "default/web cluster IP" -j KUBE-SVC-A', '-A KUBE-SVC-A -j KUBE-SEP-X']);
  });
  it('summary: type, cluster IP, ports, selector', () => {
    const s = objectSummary(svc);
    expect(Object.fromEntries(s.fields)).toMatchObject({ namespace: 'default', type: 'ClusterIP', ports: '80/TCP → 80', selector: 'app=web' });
  });
});

describe('pod views', () => {
  it('probes read as kubectl describe pod prints them', () => {
    const s = objectSummary(pods[0]);
    const described = c.run(`kubectl describe pod ${pods[0].metadata?.name}`).stdout;
    for (const p of s.containers[0].probes ?? []) {
      const [kind, text] = [p.slice(0, p.indexOf(': ')), p.slice(p.indexOf(': ') + 2)];
      expect(described.split('\n').some((l) => l.trim().startsWith(`${kind}:`) && l.trim().slice(kind.length + 1).trim() === text), p).toBe(true);
    }
    expect(s.containers[0].probes).toEqual(['Liveness: tcp-socket :80 delay=3s timeout=1s period=10s #success=1 #failure=3', 'Readiness: http-get http://:80/ delay=0s timeout=1s period=5s #success=1 #failure=3']);
    expect(probeText({ exec: { command: ['cat', '/tmp/healthy'] } })).toBe('exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3');
  });
  it('log tail is what kubectl logs --tail prints', () => {
    const name = pods[0].metadata?.name ?? '';
    expect(logTail(c, 'default', name, undefined, 5).text).toBe(c.run(`kubectl logs ${name} --tail=5`).stdout);
  });
  it('log errors are the kubelet’s message', () => {
    expect(logTail(c, 'default', 'nope', undefined).error).toBeTruthy();
    expect(logTail({}, 'default', 'x', undefined)).toEqual({ text: '' });
  });
});
