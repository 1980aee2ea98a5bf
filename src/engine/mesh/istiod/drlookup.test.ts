// Which DestinationRule a client's sidecar applies, end to end (istio.io "Traffic Management Best Practices —
// Cross-namespace configuration sharing": client namespace, then service namespace, then the configuration root),
// read as `istioctl proxy-config cluster` prints it (DESTINATION RULE column: NAME.NAMESPACE of the rule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const apply = (yaml: string) => {
  const r = c.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  expect(r.stderr).toBe('');
};
const podOf = (ns: string) => c.list('pods', ns).find((p) => p.metadata.labels?.app === 'client')!.metadata.name!;
/** The DESTINATION RULE cell of the reviews cluster in a client's sidecar. */
const ruleSeenFrom = (ns: string): string => {
  const out = c.run(`istioctl proxy-config cluster ${podOf(ns)}.${ns} --fqdn reviews.default.svc.cluster.local`).stdout;
  const row = out.split('\n').find((l) => l.startsWith('reviews.default.svc.cluster.local') && / - +outbound/.test(l));
  return row?.trim().split(/\s+/)[5] ?? '';
};

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 5, nodes: 1 });
  c.run('istioctl install --set profile=minimal -y');
  for (const ns of ['default', 'client', 'other']) {
    if (ns !== 'default') c.run(`kubectl create namespace ${ns}`);
    c.run(`kubectl label namespace ${ns} istio-injection=enabled`);
    apply(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: client}}\n  template:\n    metadata: {labels: {app: client}}\n    spec: {containers: [{name: c, image: nginx}]}`);
  }
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec:\n  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]');
  c.advance(30_000);
});

describe('DestinationRule lookup per client namespace', () => {
  const cases: Array<{ name: string; rules: string[]; want: Record<string, string> }> = [
    { name: 'no rule', rules: [], want: { default: '', client: '', other: '' } },
    {
      name: "the service namespace's rule applies to every client",
      rules: ['apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: svc, namespace: default}\nspec: {host: reviews}'],
      want: { default: 'svc.default', client: 'svc.default', other: 'svc.default' },
    },
    {
      name: "a rule in the client's namespace is preferred there only",
      rules: ['apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: mine, namespace: client}\nspec: {host: reviews.default.svc.cluster.local}'],
      want: { default: 'svc.default', client: 'mine.client', other: 'svc.default' },
    },
    {
      name: 'exportTo "." keeps the service namespace\'s rule to its own clients; the root rule serves the others',
      rules: [
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: svc, namespace: default}\nspec: {host: reviews, exportTo: ["."]}',
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: root, namespace: istio-system}\nspec: {host: reviews.default.svc.cluster.local}',
      ],
      want: { default: 'svc.default', client: 'mine.client', other: 'root.istio-system' },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      for (const r of tc.rules) apply(r);
      expect(Object.fromEntries(Object.keys(tc.want).map((ns) => [ns, ruleSeenFrom(ns)]))).toEqual(tc.want);
    });
  }
});
