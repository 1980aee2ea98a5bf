import { describe, expect, it } from 'vitest';
import { lintManifest, type LintCluster } from './lint.ts';

// The situations `istioctl analyze`-style and kube-linter checks flag, and the Kubernetes docs' Service
// troubleshooting ("Does the Service have any Endpoints?", "Is the targetPort right?") walk through.
const live: LintCluster = {
  pods: (ns) => (ns === 'default' ? [{ labels: { app: 'web' }, ports: [{ containerPort: 8080, name: 'http' }] }] : []),
  serviceExists: (ns, name) => ns === 'default' && name === 'web',
};
const svc = (selector: string, targetPort: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    ${selector}\n  ports:\n  - port: 80\n    targetPort: ${targetPort}\n`;

describe('lintManifest', () => {
  const cases: Array<{ name: string; text: string; want: Array<{ line: number; message: RegExp }> }> = [
    { name: 'a Service that selects live pods on their port', text: svc('app: web', '8080'), want: [] },
    { name: 'a named targetPort the container declares', text: svc('app: web', 'http'), want: [] },
    { name: 'a selector matching no pods', text: svc('app: nope', '8080'), want: [{ line: 6, message: /matches no pods/ }] },
    { name: 'a targetPort no container exposes', text: svc('app: web', '9090'), want: [{ line: 10, message: /targetPort 9090/ }] },
    {
      name: 'pods from the same file count',
      text: `${svc('app: api', '5000')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - containerPort: 5000\n`,
      want: [],
    },
    {
      name: 'a Deployment selector not matching its template',
      text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: b\n    spec:\n      containers: []\n`,
      want: [{ line: 7, message: /does not match the template labels app=b/ }],
    },
    {
      name: 'an Ingress to a missing Service',
      text: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ghost\n            port:\n              number: 80\n`,
      want: [{ line: 5, message: /"ghost" does not exist/ }],
    },
    { name: 'broken YAML is left to the schema', text: 'kind: [', want: [] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const got = lintManifest(tc.text, live);
      expect(got.map((g) => g.line)).toEqual(tc.want.map((w) => w.line));
      got.forEach((g, i) => expect(g.message).toMatch(tc.want[i].message));
    });
  }
});
