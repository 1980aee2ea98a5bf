import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { formatError } from '../kubectl/errors.ts';
import { clone } from '../store/store.ts';
import type { KubeObject } from './types.ts';

function setup() {
  // The raw start: the API server's own semantics, timestamps from time zero.
  const c = createCluster({ nodes: 0, boot: false });
  return { c, api: c.runtime.api, store: c.runtime.store };
}

const pod = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

const deploy = (name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } }, ...extra },
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return formatError(e).trimEnd();
  }
  throw new Error('expected an error');
}

describe('store semantics', () => {
  it('assigns uid, creationTimestamp and a cluster-wide increasing resourceVersion', () => {
    const { api, store } = setup();
    const a = api.create(pod('a'));
    const b = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(store.currentRevision()).toBe(Number(b.metadata.resourceVersion));
  });

  it('emits ADDED, MODIFIED and DELETED and replays them from eventsSince', () => {
    const { api, store } = setup();
    const start = store.currentRevision();
    const seen: string[] = [];
    store.watch((ev) => seen.push(`${ev.type} ${ev.object.metadata.name}`));
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } });
    api.modify('configmaps', 'default', 'x', (o) => (o.data = { a: '2' }));
    api.delete('configmaps', 'default', 'x');
    expect(seen).toEqual(['ADDED x', 'MODIFIED x', 'DELETED x']);
    expect(store.eventsSince(start)?.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('rejects a stale resourceVersion with 409 Conflict', () => {
    const { api } = setup();
    const first = clone(api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    api.modify('configmaps', 'default', 'x', (o) => (o.data = { a: '1' }));
    first.data = { a: '2' };
    expect(errorOf(() => api.update(first))).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('no-op updates do not bump the resourceVersion', () => {
    const { api } = setup();
    const a = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: 'v' } });
    const b = api.update(clone(a));
    expect(b.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });
});

describe('generation', () => {
  it('is tracked by Deployments (spec and annotation changes) but not by Pods or Services', () => {
    const { api } = setup();
    const d = api.create(deploy('web'));
    expect(d.metadata.generation).toBe(1);
    expect(api.modify('deployments', 'default', 'web', (o) => ((o.spec as { replicas: number }).replicas = 3)).metadata.generation).toBe(2);
    expect(api.modify('deployments', 'default', 'web', (o) => (o.metadata.annotations = { a: 'b' })).metadata.generation).toBe(3);
    expect(api.modify('deployments', 'default', 'web', (o) => (o.metadata.labels = { x: 'y' })).metadata.generation).toBe(3);
    const st = api.modify('deployments', 'default', 'web', (o) => (o.status = { replicas: 1 }), { subresource: 'status' });
    expect(st.metadata.generation).toBe(3);
    expect(api.create(pod('p')).metadata.generation).toBeUndefined();
  });
});

describe('status subresource', () => {
  it('main-resource writes keep the stored status; status writes keep the stored spec', () => {
    const { api } = setup();
    api.create(pod('p'));
    const viaMain = api.modify('pods', 'default', 'p', (o) => {
      o.status = { phase: 'Running' };
      o.metadata.labels = { a: 'b' };
    });
    expect((viaMain.status as { phase: string }).phase).toBe('Pending');
    expect(viaMain.metadata.labels).toEqual({ a: 'b' });
    const viaStatus = api.modify(
      'pods',
      'default',
      'p',
      (o) => {
        o.status = { phase: 'Running' };
        (o.spec as { activeDeadlineSeconds: number }).activeDeadlineSeconds = 5;
      },
      { subresource: 'status' },
    );
    expect((viaStatus.status as { phase: string }).phase).toBe('Running');
    expect((viaStatus.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds).toBeUndefined();
  });
});

describe('deletion', () => {
  it('deletes bound pods gracefully; the grace-0 delete finishes', () => {
    const { api } = setup();
    api.create(pod('p', { nodeName: 'n1' }));
    const marked = api.delete('pods', 'default', 'p');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    // A longer grace period changes nothing.
    expect(api.delete('pods', 'default', 'p', { gracePeriodSeconds: 60 }).metadata.deletionGracePeriodSeconds).toBe(30);
    expect(api.tryGet('pods', 'default', 'p')).toBeDefined();
    api.delete('pods', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(api.tryGet('pods', 'default', 'p')).toBeUndefined();
  });

  it('deletes unbound pods immediately', () => {
    const { api } = setup();
    api.create(pod('p'));
    api.delete('pods', 'default', 'p');
    expect(api.tryGet('pods', 'default', 'p')).toBeUndefined();
  });

  it('marks objects with finalizers and removes them when the last finalizer goes', () => {
    const { api } = setup();
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', finalizers: ['example.com/keep'] } });
    const marked = api.delete('configmaps', 'default', 'x');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(errorOf(() => api.modify('configmaps', 'default', 'x', (o) => o.metadata.finalizers!.push('example.com/more')))).toBe(
      'The ConfigMap "x" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    );
    api.modify('configmaps', 'default', 'x', (o) => (o.metadata.finalizers = []));
    expect(api.tryGet('configmaps', 'default', 'x')).toBeUndefined();
  });

  it.each([
    ['Foreground', ['foregroundDeletion']],
    ['Orphan', ['orphan']],
  ] as const)('propagationPolicy %s adds the GC finalizer', (policy, want) => {
    const { api } = setup();
    api.create(deploy('web'));
    const d = api.delete('deployments', 'default', 'web', { propagationPolicy: policy });
    expect(d.metadata.finalizers).toEqual(want);
    expect(d.metadata.generation).toBe(2);
  });

  it('checks the uid precondition', () => {
    const { api } = setup();
    const o = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(errorOf(() => api.delete('configmaps', 'default', 'x', { uid: 'other' }))).toBe(
      `Error from server (Conflict): Operation cannot be fulfilled on configmaps "x": Precondition failed: UID in precondition: other, UID in object meta: ${o.metadata.uid}`,
    );
  });
});

describe('namespaces', () => {
  it('terminate, refuse new content, and go away once finalized', () => {
    const { api } = setup();
    const ns = api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team' });
    const t = api.delete('namespaces', undefined, 'team');
    expect((t.status as { phase: string }).phase).toBe('Terminating');
    expect(errorOf(() => api.create({ ...pod('p'), metadata: { name: 'p', namespace: 'team' } }))).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    expect(errorOf(() => api.delete('namespaces', undefined, 'team'))).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on namespaces "team": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
    api.finalizeNamespace('team', []);
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });
});

describe('validation messages', () => {
  const cases: Array<[string, KubeObject, string]> = [
    [
      'selector does not match template labels',
      deploy('web', {}, { app: 'x' }),
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ],
    ['missing selector', { ...deploy('web'), spec: { ...(deploy('web').spec as object), selector: undefined } }, 'The Deployment "web" is invalid: spec.selector: Required value'],
    ['negative replicas', deploy('web', { replicas: -1 }), 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      'template restartPolicy',
      { ...deploy('web'), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } } },
      'The Deployment "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    ['no containers', pod('p', { containers: [] }), 'The Pod "p" is invalid: spec.containers: Required value'],
    ['no image', pod('p', { containers: [{ name: 'c' }] }), 'The Pod "p" is invalid: spec.containers[0].image: Required value'],
    [
      'duplicate container names',
      pod('p', { containers: [{ name: 'c', image: 'a' }, { name: 'c', image: 'b' }] }),
      'The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"',
    ],
    [
      'container port out of range',
      pod('p', { containers: [{ name: 'c', image: 'a', ports: [{ containerPort: 70000 }] }] }),
      'The Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'requests above limits',
      pod('p', { containers: [{ name: 'c', image: 'a', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }),
      'The Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'bad restartPolicy',
      pod('p', { restartPolicy: 'Sometimes' }),
      'The Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'bad pod name',
      { ...pod('p'), metadata: { name: 'Web_1' } },
      `The Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      'service name is a DNS-1035 label',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } },
      `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
    ['service without ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } }, 'The Service "web" is invalid: spec.ports: Required value'],
    [
      'namespace name is a DNS-1123 label',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
      'The Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    ],
    [
      'bad label value',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { app: '-x' } } },
      `The ConfigMap "x" is invalid: metadata.labels: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      'bad configmap key',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'a b': '1' } },
      `The ConfigMap "x" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    ],
    [
      'bad quantity',
      pod('p', { containers: [{ name: 'c', image: 'a', resources: { requests: { cpu: 'abc' } } }] }),
      `Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
  ];
  it.each(cases)('%s', (_name, obj, want) => {
    const { api } = setup();
    expect(errorOf(() => api.create(obj))).toBe(want);
  });

  it('selector is immutable on Deployment updates', () => {
    const { api } = setup();
    api.create(deploy('web'));
    expect(
      errorOf(() =>
        api.modify('deployments', 'default', 'web', (o) => {
          const s = o.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
          s.selector.matchLabels = { app: 'web2' };
          s.template.metadata.labels = { app: 'web2' };
        }),
      ),
    ).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('pod updates may change only the image and a few fields', () => {
    const { api } = setup();
    api.create(pod('p'));
    expect(api.modify('pods', 'default', 'p', (o) => ((o.spec as { containers: Array<{ image: string }> }).containers[0].image = 'nginx:2')).spec).toBeDefined();
    expect(
      errorOf(() => api.modify('pods', 'default', 'p', (o) => ((o.spec as { containers: Array<{ ports: unknown[] }> }).containers[0].ports = [{ containerPort: 80 }]))),
    ).toBe(
      'The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });
});

describe('defaults', () => {
  it('pods get the SetDefaults_* values and admission fields', () => {
    const { api } = setup();
    const p = api.create(pod('p', { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '0.5' } } }] }));
    const spec = p.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      serviceAccountName: 'default',
      serviceAccount: 'default',
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    const c = (spec.containers as Array<Record<string, unknown>>)[0];
    expect(c).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } },
    });
    expect((c.volumeMounts as Array<{ mountPath: string }>)[0].mountPath).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry:5000/app', 'Always'],
    ['nginx@sha256:abc', 'IfNotPresent'],
  ])('image %s pulls %s', (image, want) => {
    const { api } = setup();
    const p = api.create(pod('p', { containers: [{ name: 'c', image }] }));
    expect((p.spec as { containers: Array<{ imagePullPolicy: string }> }).containers[0].imagePullPolicy).toBe(want);
  });

  it('deployments and services', () => {
    const { api } = setup();
    const d = api.create(deploy('web'));
    expect(d.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
    const s = api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(s.spec).toMatchObject({
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
  });

  it('secrets merge stringData into base64 data', () => {
    const { api } = setup();
    const s = api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'hello' } });
    expect(s.data).toEqual({ a: 'eA==', b: 'aGVsbG8=' });
    expect(s.stringData).toBeUndefined();
    expect(s.type).toBe('Opaque');
  });

  it('stores node capacity in canonical form', () => {
    const { api } = setup();
    const n = api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n9' }, status: { capacity: { cpu: '4', memory: '8388608Ki', pods: '110' } } });
    expect((n.status as { allocatable: Record<string, string> }).allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });
});

describe('field selectors', () => {
  it('filters by supported labels and rejects others', async () => {
    const { api } = setup();
    const { parseFieldSelector } = await import('../util/selectors.ts');
    api.create(pod('a', { nodeName: 'n1' }));
    api.create(pod('b'));
    expect(api.list('pods', 'default', { fieldSelector: parseFieldSelector('spec.nodeName=n1') }).map((o) => o.metadata.name)).toEqual(['a']);
    expect(errorOf(() => api.list('pods', 'default', { fieldSelector: parseFieldSelector('foo=bar') }))).toBe('Error from server (BadRequest): field label not supported: foo');
  });
});

describe('status writes share unchanged parts with the stored version', () => {
  it('keeps spec and unchanged status parts by reference, and never aliases the caller', () => {
    const { api, store } = setup();
    api.create(pod('p'));
    const before = store.get('pods', 'default', 'p')!;
    const input = clone(before);
    const status = input.status as { phase: string; conditions?: Array<{ type: string; status: string }> };
    status.phase = 'Running';
    status.conditions = [{ type: 'Ready', status: 'True' }];
    const after = api.updateStatus(input);
    expect(after.spec).toBe(before.spec);
    expect(after.metadata).not.toBe(before.metadata);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(before.metadata.resourceVersion).not.toBe(after.metadata.resourceVersion);
    // The caller's object is not the stored one: mutating it later changes nothing stored.
    status.conditions[0].status = 'False';
    expect((store.get('pods', 'default', 'p')!.status as typeof status).conditions![0].status).toBe('True');
    // A status write that changes nothing is a no-op.
    const same = api.updateStatus(clone(after));
    expect(same).toBe(after);
  });

  it('owned writes keep the handed-over object', () => {
    const { api, store } = setup();
    const input = pod('q');
    const created = api.create(input, { owned: true });
    expect(created).toBe(input);
    expect(store.get('pods', 'default', 'q')).toBe(input);
    const next = clone(created);
    (next.status as { phase: string }).phase = 'Running';
    const updated = api.updateStatus(next, { owned: true });
    expect((updated.status as { phase: string }).phase).toBe('Running');
  });
});
