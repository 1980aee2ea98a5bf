/**
 * root-ca-cert-publisher, after pkg/controller/certificates/rootcacertpublisher (publisher_test.go cases:
 * create on namespace add, recreate on delete, restore on data change, keep other annotations, skip
 * terminating namespaces), and the kubelet's service-account volume projecting it as ca.crt.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { CLUSTER_CA_PEM } from './ca.ts';
import { DESCRIPTION, DESCRIPTION_ANNOTATION, ROOT_CA_CONFIGMAP } from './controller.ts';

type Cm = { data?: Record<string, string>; metadata: { annotations?: Record<string, string>; labels?: Record<string, string> } };

describe('root CA certificate publisher', () => {
  it('publishes kube-root-ca.crt in every initial namespace', () => {
    const c = createCluster({ seed: 1 });
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      const cm = c.get('configmap', ROOT_CA_CONFIGMAP, ns) as unknown as Cm;
      expect(cm.data).toEqual({ 'ca.crt': CLUSTER_CA_PEM });
      expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: DESCRIPTION });
    }
    // Published at time zero; the booted cluster is handed over 16 s later.
    expect(c.run('kubectl get cm').stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      16s\n');
  });

  type Step = string | ((c: ReturnType<typeof createCluster>) => void);
  const cases: Array<{ name: string; steps: Step[]; ns: string; wantData: boolean; wantLabels?: Record<string, string>; wantExtraAnnotation?: string }> = [
    { name: 'new namespace', steps: ['kubectl create namespace team'], ns: 'team', wantData: true },
    { name: 'deleted: created again', steps: ['kubectl delete cm kube-root-ca.crt'], ns: 'default', wantData: true },
    { name: 'data changed: restored', steps: [(c) => c.runtime.api.modify('configmaps', 'default', ROOT_CA_CONFIGMAP, (o) => void ((o as Cm).data = { 'ca.crt': 'x', extra: 'y' }))], ns: 'default', wantData: true },
    {
      name: 'annotation removed: restored, labels and other annotations kept',
      steps: ['kubectl label cm kube-root-ca.crt team=a', 'kubectl annotate cm kube-root-ca.crt note=mine kubernetes.io/description-'],
      ns: 'default',
      wantData: true,
      wantLabels: { team: 'a' },
      wantExtraAnnotation: 'mine',
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = createCluster({ seed: 1 });
      for (const s of t.steps) {
        if (typeof s === 'string') expect(c.run(s).exitCode).toBe(0);
        else s(c);
      }
      c.runtime.settle();
      const cm = c.get('configmap', ROOT_CA_CONFIGMAP, t.ns) as unknown as Cm;
      expect(cm.data).toEqual({ 'ca.crt': CLUSTER_CA_PEM });
      expect(cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]).toBe(DESCRIPTION);
      if (t.wantLabels) expect(cm.metadata.labels).toEqual(t.wantLabels);
      if (t.wantExtraAnnotation) expect(cm.metadata.annotations?.note).toBe(t.wantExtraAnnotation);
    });
  }

  it('does not publish into a terminating namespace', () => {
    const c = createCluster({ seed: 1 });
    c.run('kubectl create namespace team');
    c.run('kubectl run p -n team --image=nginx');
    c.run('sleep 5');
    c.run('kubectl delete namespace team --wait=false');
    c.run('kubectl delete cm kube-root-ca.crt -n team');
    expect(c.get('namespace', 'team')).toBeDefined();
    expect(c.get('configmap', ROOT_CA_CONFIGMAP, 'team')).toBeUndefined();
  });

  it('the CA is a well-formed DER certificate for CN=kubernetes', () => {
    const b64 = CLUSTER_CA_PEM.replace(/-----[^-]+-----|\n/g, '');
    const der = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    expect(der[0]).toBe(0x30);
    expect(der[1]).toBe(0x82);
    expect((der[2] << 8) + der[3] + 4).toBe(der.length);
    expect(atob(b64)).toContain('kubernetes');
    expect(CLUSTER_CA_PEM.split('\n').slice(1, -2).every((l) => l.length <= 64)).toBe(true);
  });

  it('pods see it as /var/run/secrets/kubernetes.io/serviceaccount/ca.crt', () => {
    const c = createCluster({ seed: 1 });
    c.run('kubectl run p --image=nginx');
    c.run('sleep 10');
    const r = c.run('kubectl exec p -- cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    expect(r).toEqual({ stdout: CLUSTER_CA_PEM, stderr: '', exitCode: 0 });
  });
});
