import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { tlsFixtures } from './tls/fixtures.ts';

// Each new `kubectl create` subcommand, against the lab's API server: kubectl's success line, the object
// accepted and listed by `kubectl get`, and a second create failing with kubectl's wrapped AlreadyExists.
const cases: Array<{ name: string; create: string; created: string; get: string; table: string; again: string }> = [
  {
    name: 'ingress',
    create: 'kubectl create ingress web --class=nginx --rule=foo.com/*=web:80,tls=web-tls --rule=foo.com/api=api:http',
    created: 'ingress.networking.k8s.io/web created\n',
    get: 'kubectl get ingress web',
    table: 'NAME   CLASS   HOSTS     ADDRESS   PORTS     AGE\nweb    nginx   foo.com             80, 443   0s\n',
    again: 'error: failed to create ingress: ingresses.networking.k8s.io "web" already exists\n',
  },
  {
    name: 'quota',
    create: 'kubectl create quota compute -n dev --hard=requests.cpu=2,requests.memory=1Gi,pods=10',
    created: 'resourcequota/compute created\n',
    get: 'kubectl get quota compute -n dev',
    table: 'NAME      AGE   REQUEST                                                 LIMIT\ncompute   0s    pods: 0/10, requests.cpu: 0/2, requests.memory: 0/1Gi   \n',
    again: 'error: failed to create quota: resourcequotas "compute" already exists\n',
  },
  {
    name: 'quota with scopes',
    create: 'kubectl create resourcequota best-effort --hard=pods=100 --scopes=BestEffort',
    created: 'resourcequota/best-effort created\n',
    get: 'kubectl get resourcequota best-effort',
    table: 'NAME          AGE   REQUEST       LIMIT\nbest-effort   0s    pods: 0/100   \n',
    again: 'error: failed to create quota: resourcequotas "best-effort" already exists\n',
  },
  {
    name: 'priorityclass',
    create: 'kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy=Never',
    created: 'priorityclass.scheduling.k8s.io/high-priority created\n',
    get: 'kubectl get pc high-priority',
    table: 'NAME            VALUE   GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\nhigh-priority   1000    false            0s    Never\n',
    again: 'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "high-priority" already exists\n',
  },
  {
    name: 'poddisruptionbudget',
    create: 'kubectl create pdb my-pdb --selector=app=nginx --min-available=50%',
    created: 'poddisruptionbudget.policy/my-pdb created\n',
    get: 'kubectl get pdb my-pdb',
    table: 'NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nmy-pdb   50%             N/A               0                     0s\n',
    again: 'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "my-pdb" already exists\n',
  },
  {
    name: 'secret tls',
    create: 'kubectl create secret tls web-tls --cert=tls.crt --key=tls.key',
    created: 'secret/web-tls created\n',
    get: 'kubectl get secret web-tls',
    table: 'NAME      TYPE                DATA   AGE\nweb-tls   kubernetes.io/tls   2      0s\n',
    again: 'error: failed to create secret secrets "web-tls" already exists\n',
  },
];

function lab() {
  const c = createCluster({ seed: 3 });
  c.runtime.files.set('tls.crt', tlsFixtures['ec.crt']);
  c.runtime.files.set('tls.key', tlsFixtures['ec.key']);
  c.run('kubectl create namespace dev');
  return c;
}

describe('kubectl create subcommands against the lab API', () => {
  for (const t of cases) {
    it(t.name, () => {
      const c = lab();
      expect(c.run(t.create)).toEqual({ stdout: t.created, stderr: '', exitCode: 0 });
      expect(c.run(t.get)).toEqual({ stdout: t.table, stderr: '', exitCode: 0 });
      expect(c.run(t.create)).toEqual({ stdout: '', stderr: t.again, exitCode: 1 });
    });
  }

  it('the stored objects carry what the flags asked for', () => {
    const c = lab();
    for (const t of cases) c.run(t.create);
    const ing = c.get('ingresses', 'web')!;
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['foo.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'foo.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'http' } } } },
            ],
          },
        },
      ],
    });
    expect(c.get('resourcequotas', 'best-effort')!.spec).toEqual({ hard: { pods: '100' }, scopes: ['BestEffort'] });
    const pc = c.get('priorityclasses', 'high-priority')! as unknown as Record<string, unknown>;
    expect([pc.value, pc.description, pc.preemptionPolicy, pc.globalDefault ?? false]).toEqual([1000, 'high priority', 'Never', false]);
    expect(c.get('poddisruptionbudgets', 'my-pdb')!.spec).toEqual({ minAvailable: '50%', selector: { matchLabels: { app: 'nginx' } } });
    const s = c.get('secrets', 'web-tls')! as unknown as { type: string; data: Record<string, string> };
    expect(s.type).toBe('kubernetes.io/tls');
    expect(atob(s.data['tls.crt'])).toBe(tlsFixtures['ec.crt']);
  });

  it('server-side validation errors come back wrapped and nothing is stored', () => {
    const c = lab();
    const bad: Array<[string, string]> = [
      [
        'kubectl create priorityclass huge --value=2000000000',
        'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
      ],
      [
        'kubectl create quota q --hard=pods=1 --scopes=Bogus',
        'error: failed to create quota: ResourceQuota "q" is invalid: spec.scopes[0]: Unsupported value: "Bogus": supported values: "BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"\n',
      ],
    ];
    for (const [cmd, stderr] of bad) expect(c.run(cmd)).toEqual({ stdout: '', stderr, exitCode: 1 });
    expect(c.get('priorityclasses', 'huge')).toBeUndefined();
    expect(c.get('resourcequotas', 'q')).toBeUndefined();
  });

  it('--dry-run=server validates without storing; -o yaml prints the stored object', () => {
    const c = lab();
    expect(c.run('kubectl create pdb p --selector=app=web --max-unavailable=1 --dry-run=server')).toEqual({
      stdout: 'poddisruptionbudget.policy/p created (server dry run)\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.get('poddisruptionbudgets', 'p')).toBeUndefined();
    const out = c.run('kubectl create ingress w --rule=/=w:80 -o yaml').stdout;
    expect(out).toMatch(new RegExp(`^apiVersion: networking\\.k8s\\.io/v1\\nkind: Ingress\\nmetadata:\\n {2}creationTimestamp: "${c.runtime.clock.timestamp()}"\\n`));
    expect(out).toContain('  namespace: default\n');
    expect(out).toContain('  uid: ');
  });
});
