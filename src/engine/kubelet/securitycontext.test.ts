// verifyRunAsNonRoot cases, after pkg/kubelet/kuberuntime/security_context_others_test.go
// (TestVerifyRunAsNonRoot): the pod or container setting, an explicit uid, and an image that runs as root.
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { runAsNonRootError } from './securitycontext.ts';

const pod = (sc: object = {}): Pod => ({ metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [], securityContext: sc } });
const ctr = (sc: object = {}): Container => ({ name: 'c', securityContext: sc });
const ref = '(pod: "p_default(u1)", container: c)';

describe('runAsNonRootError', () => {
  const cases = [
    { name: 'not required', pod: pod(), c: ctr(), uid: 0, want: undefined },
    { name: 'pod requires, image root', pod: pod({ runAsNonRoot: true }), c: ctr(), uid: 0, want: `container has runAsNonRoot and image will run as root ${ref}` },
    { name: 'container requires, image root', pod: pod(), c: ctr({ runAsNonRoot: true }), uid: 0, want: `container has runAsNonRoot and image will run as root ${ref}` },
    { name: 'container false overrides pod true', pod: pod({ runAsNonRoot: true }), c: ctr({ runAsNonRoot: false }), uid: 0, want: undefined },
    { name: 'explicit non-root uid', pod: pod({ runAsNonRoot: true }), c: ctr({ runAsUser: 1000 }), uid: 0, want: undefined },
    { name: 'pod uid applies', pod: pod({ runAsNonRoot: true, runAsUser: 1000 }), c: ctr(), uid: 0, want: undefined },
    { name: 'explicit uid 0', pod: pod({ runAsNonRoot: true }), c: ctr({ runAsUser: 0 }), uid: 0, want: `container's runAsUser breaks non-root policy ${ref}` },
    { name: 'image runs as non-root', pod: pod({ runAsNonRoot: true }), c: ctr(), uid: 101, want: undefined },
  ];
  for (const tc of cases) it(tc.name, () => expect(runAsNonRootError(tc.pod, tc.c, tc.uid)).toBe(tc.want));
});

describe('securityContext at runtime', () => {
  it('runAsNonRoot with a root image: CreateContainerConfigError; readOnlyRootFilesystem refuses writes', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nonroot
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: ro
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    securityContext:
      readOnlyRootFilesystem: true
EOF`);
    c.advance(20000);
    const st = (c.get('pods', 'nonroot', 'default') as Pod).status!.containerStatuses![0].state!.waiting!;
    expect(st.reason).toBe('CreateContainerConfigError');
    expect(st.message).toMatch(/^container has runAsNonRoot and image will run as root \(pod: "nonroot_default\([0-9a-f-]+\)", container: app\)$/);
    const r = c.run("kubectl exec ro -- sh -c 'echo hi > /x'");
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', "sh: can't create /x: Read-only file system\ncommand terminated with exit code 1\n", 1]);
    expect(c.runtime.internalErrors).toEqual([]);
  });
});
