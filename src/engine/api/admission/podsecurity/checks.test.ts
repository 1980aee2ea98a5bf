// PodSecurity verdicts, after staging/src/k8s.io/pod-security-admission/policy/check_*_test.go (the
// expected reasons and details of each check) and test/fixtures (a pod passes baseline but not restricted).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../index.ts';
import { checks, evaluate, formatResults, type PodSpec, type SecurityContext } from './checks.ts';

const byId = (id: string) => checks.find((c) => c.id === id)!;
const c = (name: string, securityContext?: SecurityContext, extra: object = {}) => ({ name, securityContext, ...extra });

describe('PodSecurity checks', () => {
  const cases: Array<{ check: string; name: string; spec: PodSpec; want?: { reason: string; detail: string } }> = [
    { check: 'privileged', name: 'one container', spec: { containers: [c('a', { privileged: true }), c('b', { privileged: false })] }, want: { reason: 'privileged', detail: 'container "a" must not set securityContext.privileged=true' } },
    {
      check: 'privileged',
      name: 'several, init containers first',
      spec: { initContainers: [c('i', { privileged: true })], containers: [c('a', { privileged: true })] },
      want: { reason: 'privileged', detail: 'containers "i", "a" must not set securityContext.privileged=true' },
    },
    { check: 'hostNamespaces', name: 'all three', spec: { hostNetwork: true, hostPID: true, hostIPC: true, containers: [c('a')] }, want: { reason: 'host namespaces', detail: 'hostNetwork=true, hostPID=true, hostIPC=true' } },
    { check: 'hostNamespaces', name: 'none', spec: { containers: [c('a')] } },
    {
      check: 'capabilities_baseline',
      name: 'non-default capabilities, sorted',
      spec: { containers: [c('a', { capabilities: { add: ['SYS_TIME', 'NET_ADMIN', 'CHOWN'] } }), c('b', { capabilities: { add: ['NET_ADMIN'] } })] },
      want: { reason: 'non-default capabilities', detail: 'containers "a", "b" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add' },
    },
    { check: 'capabilities_baseline', name: 'default capabilities are fine', spec: { containers: [c('a', { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE'] } })] } },
    { check: 'hostPathVolumes', name: 'two volumes', spec: { containers: [c('a')], volumes: [{ name: 'x', hostPath: { path: '/' } }, { name: 'y', hostPath: {} }, { name: 'z', emptyDir: {} }] }, want: { reason: 'hostPath volumes', detail: 'volumes "x", "y"' } },
    {
      check: 'hostPorts',
      name: 'one container, one port',
      spec: { containers: [c('a', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] },
      want: { reason: 'hostPort', detail: 'container "a" uses hostPort 8080' },
    },
    {
      check: 'hostPorts',
      name: 'several',
      spec: { containers: [c('a', undefined, { ports: [{ hostPort: 80 }, { hostPort: 443 }] }), c('b', undefined, { ports: [{ hostPort: 80 }] })] },
      want: { reason: 'hostPort', detail: 'containers "a", "b" use hostPorts 80, 443' },
    },
    { check: 'procMount', name: 'unmasked', spec: { containers: [c('a', { procMount: 'Unmasked' })] }, want: { reason: 'procMount', detail: 'container "a" must not set securityContext.procMount to "Unmasked"' } },
    { check: 'sysctls', name: 'unsafe sysctl', spec: { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '1' }] }, containers: [c('a')] }, want: { reason: 'forbidden sysctls', detail: 'kernel.msgmax' } },
    {
      check: 'seccompProfile_baseline',
      name: 'unconfined pod and container',
      spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a', { seccompProfile: { type: 'Unconfined' } })] },
      want: { reason: 'seccompProfile', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"; container "a" must not set securityContext.seccompProfile.type to "Unconfined"' },
    },
    { check: 'allowPrivilegeEscalation', name: 'unset', spec: { containers: [c('a'), c('b', { allowPrivilegeEscalation: false })] }, want: { reason: 'allowPrivilegeEscalation != false', detail: 'container "a" must set securityContext.allowPrivilegeEscalation=false' } },
    {
      check: 'capabilities_restricted',
      name: 'no drop ALL and an added capability',
      spec: { containers: [c('a', { capabilities: { add: ['NET_RAW'] } }), c('b', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] },
      want: { reason: 'unrestricted capabilities', detail: 'container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "NET_RAW" in securityContext.capabilities.add' },
    },
    { check: 'runAsNonRoot', name: 'pod level true covers containers', spec: { securityContext: { runAsNonRoot: true }, containers: [c('a')] } },
    { check: 'runAsNonRoot', name: 'pod level false', spec: { securityContext: { runAsNonRoot: false }, containers: [c('a')] }, want: { reason: 'runAsNonRoot != true', detail: 'pod must not set securityContext.runAsNonRoot=false' } },
    {
      check: 'runAsNonRoot',
      name: 'container false overrides pod true',
      spec: { securityContext: { runAsNonRoot: true }, containers: [c('a', { runAsNonRoot: false })] },
      want: { reason: 'runAsNonRoot != true', detail: 'container "a" must not set securityContext.runAsNonRoot=false' },
    },
    { check: 'runAsNonRoot', name: 'unset everywhere', spec: { containers: [c('a'), c('b')] }, want: { reason: 'runAsNonRoot != true', detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true' } },
    { check: 'runAsUser', name: 'root uid', spec: { securityContext: { runAsUser: 0 }, containers: [c('a', { runAsUser: 0 }), c('b', { runAsUser: 1000 })] }, want: { reason: 'runAsUser=0', detail: 'pod must not set runAsUser=0; container "a" must not set runAsUser=0' } },
    { check: 'seccompProfile_restricted', name: 'pod RuntimeDefault covers containers', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [c('a')] } },
    {
      check: 'seccompProfile_restricted',
      name: 'unset',
      spec: { containers: [c('a')] },
      want: { reason: 'seccompProfile', detail: 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"' },
    },
    {
      check: 'restrictedVolumes',
      name: 'hostPath and nfs',
      spec: { containers: [c('a')], volumes: [{ name: 'h', hostPath: {} }, { name: 'n', nfs: {} }, { name: 's', secret: {} }] },
      want: { reason: 'restricted volume types', detail: 'volumes "h", "n" use restricted volume types "hostPath", "nfs"' },
    },
    // check_appArmorProfile_test.go TestAppArmorProfile
    { check: 'appArmorProfile', name: 'unconfined pod', spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } }, want: { reason: 'forbidden AppArmor profile', detail: 'pod must not set AppArmor profile type to "Unconfined"' } },
    {
      check: 'appArmorProfile',
      name: 'unconfined container',
      spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [c('foo', { appArmorProfile: { type: 'Unconfined' } })] },
      want: { reason: 'forbidden AppArmor profile', detail: 'container "foo" must not set AppArmor profile type to "Unconfined"' },
    },
    {
      check: 'appArmorProfile',
      name: 'unconfined init container',
      spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [c('foo')], initContainers: [c('bar', { appArmorProfile: { type: 'Unconfined' } })] },
      want: { reason: 'forbidden AppArmor profile', detail: 'container "bar" must not set AppArmor profile type to "Unconfined"' },
    },
    { check: 'appArmorProfile', name: 'Localhost is allowed', spec: { containers: [c('foo', { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-deny' } })] } },
    // check_seLinuxOptions_test.go TestSELinuxOptions
    {
      check: 'seLinuxOptions',
      name: 'invalid pod and containers',
      spec: {
        securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
        containers: [
          c('a', { seLinuxOptions: { type: 'container_t' } }),
          c('b', { seLinuxOptions: { type: 'container_init_t' } }),
          c('c', { seLinuxOptions: { type: 'container_kvm_t' } }),
          c('d', { seLinuxOptions: { type: 'container_engine_t' } }),
          c('e', { seLinuxOptions: { type: 'bar' } }),
          c('f', { seLinuxOptions: { user: 'bar' } }),
          c('g', { seLinuxOptions: { role: 'baz' } }),
        ],
      },
      want: { reason: 'seLinuxOptions', detail: 'pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set' },
    },
    { check: 'seLinuxOptions', name: 'bad type', spec: { securityContext: { seLinuxOptions: { type: 'bad' } } }, want: { reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: type "bad"' } },
    { check: 'seLinuxOptions', name: 'bad user', spec: { securityContext: { seLinuxOptions: { user: 'bad' } } }, want: { reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: user may not be set' } },
    { check: 'seLinuxOptions', name: 'bad role', spec: { securityContext: { seLinuxOptions: { role: 'bad' } } }, want: { reason: 'seLinuxOptions', detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set' } },
    { check: 'seLinuxOptions', name: 'level alone is allowed', spec: { securityContext: { seLinuxOptions: { level: 's0:c123,c456' } } } },
    // check_windowsHostProcess_test.go TestWindowsHostProcess
    {
      check: 'windowsHostProcess',
      name: 'host process pod and containers',
      spec: { securityContext: { windowsOptions: { hostProcess: true } }, containers: [c('a'), c('b', { windowsOptions: { hostProcess: false } }), c('c', { windowsOptions: { hostProcess: true } }), c('d', { windowsOptions: { hostProcess: true } })] },
      want: { reason: 'hostProcess', detail: 'pod and containers "c", "d" must not set securityContext.windowsOptions.hostProcess=true' },
    },
    { check: 'windowsHostProcess', name: 'containers only', spec: { containers: [c('a', { windowsOptions: { hostProcess: true } })] }, want: { reason: 'hostProcess', detail: 'container "a" must not set securityContext.windowsOptions.hostProcess=true' } },
  ];
  for (const tc of cases) it(`${tc.check}: ${tc.name}`, () => expect(byId(tc.check).run(tc.spec)).toEqual(tc.want));

  it('appArmorProfile: legacy annotations (check_appArmorProfile_test.go "multiple containers")', () => {
    const p = 'container.apparmor.security.beta.kubernetes.io/';
    const annotations = { [p]: 'bogus', [`${p}a`]: '', [`${p}b`]: 'runtime/default', [`${p}c`]: 'localhost/', [`${p}d`]: 'localhost/foo', [`${p}e`]: 'unconfined', [`${p}f`]: 'unknown', env: 'prod' };
    expect(byId('appArmorProfile').run({}, { annotations })).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail: `annotations must not set AppArmor profile type to "${p}="bogus"", "${p}e="unconfined"", "${p}f="unknown""`,
    });
    expect(byId('appArmorProfile').run({}, { annotations: { [`${p}x`]: 'runtime/default', env: 'dev' } })).toBeUndefined();
  });
  it('restricted reports baseline checks first, each group in id order (policy/registry.go)', () => {
    const spec: PodSpec = { hostNetwork: true, containers: [c('x', { privileged: true, seLinuxOptions: { user: 'u' } })] };
    expect(evaluate('restricted', spec).map((r) => r.reason)).toEqual([
      'host namespaces',
      'privileged',
      'seLinuxOptions',
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      'runAsNonRoot != true',
      'seccompProfile',
    ]);
  });
  it('a plain pod passes baseline and fails restricted in check-id order', () => {
    const spec: PodSpec = { containers: [c('x')] };
    expect(evaluate('baseline', spec)).toEqual([]);
    expect(formatResults(evaluate('restricted', spec))).toBe(
      'allowPrivilegeEscalation != false (container "x" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "x" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "x" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "x" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });
  it('a hardened pod passes restricted', () => {
    const sc = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    expect(evaluate('restricted', { containers: [c('x', sc)], volumes: [{ name: 'v', emptyDir: {} }] })).toEqual([]);
  });
  it('restricted replaces the baseline hostPath, capabilities and seccomp checks', () => {
    const reasons = evaluate('restricted', { containers: [c('x', { capabilities: { add: ['SYS_ADMIN'] } })], volumes: [{ name: 'h', hostPath: {} }] }).map((r) => r.reason);
    expect(reasons).toEqual(['allowPrivilegeEscalation != false', 'unrestricted capabilities', 'restricted volume types', 'runAsNonRoot != true', 'seccompProfile']);
  });
});

describe('PodSecurity admission', () => {
  const pod = (name: string, sc = '') => `kubectl apply -n demo -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx${sc}
EOF`;
  function setup(labels: string) {
    const cl = createCluster({ seed: 1, nodes: 1 });
    cl.run('kubectl create namespace demo');
    cl.run(`kubectl label namespace demo ${labels}`);
    return cl;
  }
  it('enforce rejects with the check details', () => {
    const cl = setup('pod-security.kubernetes.io/enforce=baseline');
    const r = cl.run(pod('p', '\n    securityContext:\n      privileged: true'));
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)\n',
    );
    expect(cl.get('pods', 'p', 'demo')).toBeUndefined();
  });
  it('warn lets the pod in with a warning naming the version', () => {
    const cl = setup('pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=v1.32');
    const r = cl.run(pod('p'));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^Warning: would violate PodSecurity "restricted:v1.32": allowPrivilegeEscalation != false \(container "app" must/);
  });
  it('workloads get the enforce level as a warning, and their pods are refused', () => {
    const cl = setup('pod-security.kubernetes.io/enforce=restricted');
    const r = cl.run('kubectl create deployment web -n demo --image=nginx');
    expect(r.stdout).toBe('deployment.apps/web created\n');
    expect(r.stderr).toMatch(/^Warning: would violate PodSecurity "restricted:latest": /);
    cl.advance(2000);
    expect(cl.list('pods', 'demo')).toEqual([]);
    expect(cl.run('kubectl get events -n demo --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').stdout).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "restricted:latest": /);
  });
  it('labelling a namespace warns about existing pods', () => {
    const cl = setup('team=a');
    cl.run(pod('p1'));
    cl.run(pod('p2'));
    const r = cl.run('kubectl label namespace demo pod-security.kubernetes.io/enforce=restricted');
    expect(r.stderr).toBe(
      'Warning: existing pods in namespace "demo" violate the new PodSecurity enforce level "restricted:latest"\nWarning: p1 (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n',
    );
    expect(r.stdout).toBe('namespace/demo labeled\n');
  });
  it('baseline rejects the legacy AppArmor annotation and an Unconfined profile (pod metadata reaches the check)', () => {
    const cl = setup('pod-security.kubernetes.io/enforce=baseline');
    const r = cl.run(`kubectl apply -n demo -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  containers:
  - name: app
    image: nginx
    securityContext:
      appArmorProfile:
        type: Unconfined
EOF`);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profiles (container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")\n',
    );
  });
  it('rejects an unknown level', () => {
    const cl = setup('team=a');
    expect(cl.run('kubectl label namespace demo pod-security.kubernetes.io/enforce=strict').stderr).toBe(
      'The Namespace "demo" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted\n',
    );
  });
});
