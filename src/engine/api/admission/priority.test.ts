// Cases after plugin/pkg/admission/priority/admission_test.go (TestPodAdmission, TestPriorityClassAdmission,
// TestDefaultPriority) and the system classes of pkg/apis/scheduling.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const pcYaml = (name: string, value: number, extra = '') => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\n${extra}`;
const podYaml = (name: string, spec = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}  containers:\n  - name: c\n    image: nginx\n`;

describe('Priority admission', () => {
  it('the system classes exist at bootstrap', () => {
    // Created at time zero; the booted cluster is handed over 16 s later.
    const c = createCluster();
    expect(c.run('kubectl get priorityclasses').stdout).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\nsystem-cluster-critical   2000000000   false            16s   PreemptLowerPriority\nsystem-node-critical      2000001000   false            16s   PreemptLowerPriority\n',
    );
  });

  const cases = [
    { name: 'no class: priority 0', classes: [], pod: podYaml('p'), wantErr: '', wantPriority: 0, wantClass: undefined },
    { name: 'named class resolves', classes: [pcYaml('high', 1000)], pod: podYaml('p', '  priorityClassName: high\n'), wantErr: '', wantPriority: 1000, wantClass: 'high' },
    { name: 'system class resolves', classes: [], pod: podYaml('p', '  priorityClassName: system-node-critical\n'), wantErr: '', wantPriority: 2000001000, wantClass: 'system-node-critical' },
    {
      name: 'missing class is forbidden',
      classes: [],
      pod: podYaml('p', '  priorityClassName: foo\n'),
      wantErr: 'Error from server (Forbidden): error when creating "pod.yaml": pods "p" is forbidden: no PriorityClass with name foo was found\n',
    },
    { name: 'global default applies', classes: [pcYaml('dflt', 50, 'globalDefault: true\n')], pod: podYaml('p'), wantErr: '', wantPriority: 50, wantClass: 'dflt' },
    {
      name: 'explicit priority must match',
      classes: [pcYaml('high', 1000)],
      pod: podYaml('p', '  priorityClassName: high\n  priority: 5\n'),
      wantErr:
        'Error from server (Forbidden): error when creating "pod.yaml": pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name\n',
    },
    {
      name: 'preemption policy comes from the class',
      classes: [pcYaml('batch', 10, 'preemptionPolicy: Never\n')],
      pod: podYaml('p', '  priorityClassName: batch\n'),
      wantErr: '',
      wantPriority: 10,
      wantClass: 'batch',
      wantPolicy: 'Never',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster();
      tc.classes.forEach((y, i) => {
        c.writeFile(`pc${i}.yaml`, y);
        expect(c.run(`kubectl apply -f pc${i}.yaml`).exitCode).toBe(0);
      });
      c.writeFile('pod.yaml', tc.pod);
      const r = c.run('kubectl apply -f pod.yaml');
      expect(r.stderr).toBe(tc.wantErr);
      if (tc.wantErr) return;
      const spec = c.get('pod', 'p')?.spec as { priority?: number; priorityClassName?: string; preemptionPolicy?: string };
      expect(spec.priority).toBe(tc.wantPriority);
      expect(spec.priorityClassName).toBe(tc.wantClass);
      expect(spec.preemptionPolicy).toBe(tc.wantPolicy ?? 'PreemptLowerPriority');
    });
  }

  it('only one global default', () => {
    const c = createCluster();
    c.writeFile('a.yaml', pcYaml('a', 1, 'globalDefault: true\n'));
    c.writeFile('b.yaml', pcYaml('b', 2, 'globalDefault: true\n'));
    c.run('kubectl apply -f a.yaml');
    expect(c.run('kubectl apply -f b.yaml').stderr).toBe(
      'Error from server (Forbidden): error when creating "b.yaml": priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist\n',
    );
  });

  it('system- names and values are reserved', () => {
    const c = createCluster();
    c.writeFile('a.yaml', pcYaml('system-mine', 1));
    expect(c.run('kubectl apply -f a.yaml').stderr).toContain(
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    );
    c.writeFile('b.yaml', pcYaml('huge', 2000000000));
    expect(c.run('kubectl apply -f b.yaml').stderr).toContain('value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  });

  it('a Deployment pod with a missing class is refused under its generated-name prefix', () => {
    const c = createCluster();
    c.writeFile('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      priorityClassName: nope\n      containers:\n      - name: c\n        image: nginx\n');
    c.run('kubectl apply -f d.yaml');
    c.advance(1000);
    const msg = c.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').stdout;
    expect(msg).toMatch(/^Error creating: pods "web-[a-z0-9]+-" is forbidden: no PriorityClass with name nope was found$/);
  });
});
