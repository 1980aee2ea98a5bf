// Cases after plugin/pkg/admission/limitranger/admission_test.go (TestPodLimitFunc,
// TestMergePodResourceRequirements, TestLimitRangerAdmitPod) and the messages of the 1.32 plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { aggregate, defaultPodResources, limitRangerAnnotation, validatePodLimits } from './limitranger.ts';
import { createCluster } from '../../index.ts';

type List = Record<string, string>;
const container = (name: string, requests: List = {}, limits: List = {}) => ({ name, image: 'nginx', resources: { requests, limits } });
const pod = (containers: ReturnType<typeof container>[], initContainers: ReturnType<typeof container>[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers, initContainers },
});
const lr = (limits: Array<Record<string, unknown>>): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits } });

describe('LimitRanger validation (TestPodLimitFunc)', () => {
  const cases: Array<{ name: string; lr: KubeObject; pod: KubeObject; want: string[] }> = [
    {
      name: 'container within min and max',
      lr: lr([{ type: 'Container', min: { cpu: '50m' }, max: { cpu: '1' } }]),
      pod: pod([container('c', { cpu: '100m' }, { cpu: '500m' })]),
      want: [],
    },
    {
      name: 'limit above max',
      lr: lr([{ type: 'Container', max: { cpu: '1' } }]),
      pod: pod([container('nginx', { cpu: '1' }, { cpu: '2' })]),
      want: ['maximum cpu usage per Container is 1, but limit is 2'],
    },
    {
      name: 'no limit under a max',
      lr: lr([{ type: 'Container', max: { memory: '1Gi' } }]),
      pod: pod([container('c', { memory: '100Mi' })]),
      want: ['maximum memory usage per Container is 1Gi.  No limit is specified'],
    },
    {
      name: 'no request under a min',
      lr: lr([{ type: 'Container', min: { cpu: '100m' } }]),
      pod: pod([container('c', {}, { cpu: '1' })]),
      want: ['minimum cpu usage per Container is 100m.  No request is specified'],
    },
    {
      name: 'request below min',
      lr: lr([{ type: 'Container', min: { cpu: '100m' } }]),
      pod: pod([container('c', { cpu: '50m' })]),
      want: ['minimum cpu usage per Container is 100m, but request is 50m'],
    },
    {
      name: 'ratio exceeded',
      lr: lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]),
      pod: pod([container('c', { cpu: '100m' }, { cpu: '400m' })]),
      want: ['cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000'],
    },
    {
      name: 'ratio without a request',
      lr: lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]),
      pod: pod([container('c', {}, { cpu: '400m' })]),
      want: ['cpu max limit to request ratio per Container is 2, but no request is specified or request is 0'],
    },
    {
      name: 'pod max sums the containers',
      lr: lr([{ type: 'Pod', max: { memory: '1Gi' } }]),
      pod: pod([container('a', {}, { memory: '600Mi' }), container('b', {}, { memory: '600Mi' })]),
      want: ['maximum memory usage per Pod is 1Gi, but limit is 1200Mi'],
    },
    {
      name: 'pod total takes the larger init container',
      lr: lr([{ type: 'Pod', min: { cpu: '1' } }]),
      pod: pod([container('a', { cpu: '100m' })], [container('init', { cpu: '2' })]),
      want: [],
    },
    {
      name: 'several errors in item order',
      lr: lr([{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }]),
      pod: pod([container('c', {}, { cpu: '2', memory: '2Gi' })]),
      want: ['maximum cpu usage per Container is 1, but limit is 2', 'maximum memory usage per Container is 1Gi, but limit is 2Gi'],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => expect(validatePodLimits(tc.lr, tc.pod)).toEqual(tc.want));
  }
  it('aggregates as utilerrors does', () => {
    expect(aggregate(['a'])).toBe('a');
    expect(aggregate(['a', 'b'])).toBe('[a, b]');
  });
});

describe('LimitRanger defaulting (TestMergePodResourceRequirements)', () => {
  const ranges = lr([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }]);
  it('fills requests and limits and says so', () => {
    const p = pod([container('nginx')]);
    defaultPodResources(ranges, p);
    const c = (p.spec as { containers: ReturnType<typeof container>[] }).containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(p.metadata.annotations?.[limitRangerAnnotation]).toBe(
      'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    );
  });
  it('keeps what the container states and names init containers', () => {
    const p = pod([container('app', { cpu: '200m' }, { cpu: '1' })], [container('setup')]);
    defaultPodResources(ranges, p);
    expect(p.metadata.annotations?.[limitRangerAnnotation]).toBe(
      'LimitRanger plugin set: memory request for container app; memory limit for container app; cpu, memory request for init container setup; cpu, memory limit for init container setup',
    );
  });
  it('annotates nothing when nothing was set', () => {
    const p = pod([container('app', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]);
    defaultPodResources(ranges, p);
    expect(p.metadata.annotations).toBeUndefined();
  });
});

describe('LimitRanger in the cluster', () => {
  const setup = () => {
    const c = createCluster();
    c.run('kubectl create namespace dev');
    c.writeFile(
      'lr.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\n  namespace: dev\nspec:\n  limits:\n  - type: Container\n    default: {cpu: 500m, memory: 256Mi}\n    defaultRequest: {cpu: 100m, memory: 128Mi}\n    max: {cpu: "1"}\n',
    );
    expect(c.run('kubectl apply -f lr.yaml').stdout).toBe('limitrange/limits created\n');
    return c;
  };
  it('defaults show in kubectl get pod -o yaml', () => {
    const c = setup();
    expect(c.run('kubectl run nginx --image=nginx -n dev').exitCode).toBe(0);
    const y = c.run('kubectl get pod nginx -n dev -o yaml').stdout;
    expect(y).toContain("kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx'");
    expect(y).toContain('    resources:\n      limits:\n        cpu: 500m\n        memory: 256Mi\n      requests:\n        cpu: 100m\n        memory: 128Mi\n');
    expect(y).toContain('qosClass: Burstable');
  });
  it('rejects a container above max', () => {
    const c = setup();
    c.writeFile('big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  namespace: dev\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    resources:\n      limits: {cpu: "2", memory: 3Gi}\n');
    const r = c.run('kubectl apply -f big.yaml');
    expect(r.stderr).toBe('Error from server (Forbidden): error when creating "big.yaml": pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n');
    expect(c.get('pod', 'big', 'dev')).toBeUndefined();
  });
  it('describe limitrange', () => {
    const c = setup();
    expect(c.run('kubectl describe limitrange limits -n dev').stdout).toBe(
      [
        'Name:       limits',
        'Namespace:  dev',
        'Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---  ---  ---------------  -------------  -----------------------',
        'Container   cpu       -    1    100m             500m           -',
        'Container   memory    -    -    128Mi            256Mi          -',
        '',
      ].join('\n'),
    );
  });
  it('defaults a missing default limit from max (SetDefaults_LimitRangeItem)', () => {
    const c = createCluster();
    c.writeFile('lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n  - type: Container\n    max: {cpu: "1"}\n    min: {memory: 64Mi}\n');
    c.run('kubectl apply -f lr.yaml');
    const spec = c.get('limitrange', 'l')?.spec as { limits: Array<Record<string, unknown>> };
    expect(spec.limits[0].default).toEqual({ cpu: '1' });
    expect(spec.limits[0].defaultRequest).toEqual({ cpu: '1', memory: '64Mi' });
  });
  it('validates min against max', () => {
    const c = createCluster();
    c.writeFile('lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n  - type: Pod\n    max: {cpu: "1"}\n    min: {cpu: "2"}\n');
    const r = c.run('kubectl apply -f lr.yaml');
    expect(r.stderr).toContain('spec.limits[0].min[cpu]: Invalid value:');
    expect(r.stderr).toContain('min value 2 is greater than max value 1');
  });
});
