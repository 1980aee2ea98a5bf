// Process credentials inside a container, after the Kubernetes task "Configure a Security Context for a Pod or
// Container" (security-context.yaml: runAsUser 1000, runAsGroup 3000, fsGroup 2000 → busybox `id` prints
// `uid=1000 gid=3000 groups=2000,3000`, files written to the volume belong to 1000:2000) and its capabilities
// section (containerd's default set; NET_ADMIN for interface changes, CHOWN for chown).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

function cluster() {
  const c = createCluster({ seed: 1, nodes: 1 });
  const r = c.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
---
apiVersion: v1
kind: Pod
metadata:
  name: root
spec:
  containers:
  - name: box
    image: busybox
    command: [ "sleep", "1h" ]
---
apiVersion: v1
kind: Pod
metadata:
  name: netadmin
spec:
  containers:
  - name: box
    image: busybox
    command: [ "sleep", "1h" ]
    securityContext:
      capabilities:
        add: ["NET_ADMIN"]
---
apiVersion: v1
kind: Pod
metadata:
  name: dropall
spec:
  containers:
  - name: box
    image: busybox
    command: [ "sleep", "1h" ]
    securityContext:
      capabilities:
        drop: ["ALL"]
EOF`);
  expect(r.exitCode).toBe(0);
  c.advance(30_000);
  return c;
}

describe('securityContext credentials inside the container', () => {
  const c = cluster();
  const cases: Array<{ name: string; cmd: string; out?: string | RegExp; err?: string; code?: number }> = [
    { name: 'id with runAsUser, runAsGroup and fsGroup', cmd: 'kubectl exec security-context-demo -- id', out: 'uid=1000 gid=3000 groups=2000,3000\n' },
    { name: 'id as root', cmd: 'kubectl exec root -- id', out: 'uid=0(root) gid=0(root) groups=0(root)\n' },
    { name: 'whoami for a uid without a passwd entry', cmd: 'kubectl exec security-context-demo -- whoami', err: 'whoami: unknown uid 1000\ncommand terminated with exit code 1\n', code: 1 },
    {
      name: 'a file written to the volume belongs to the uid and the fsGroup',
      cmd: "kubectl exec security-context-demo -- sh -c 'echo hello > /data/demo/testfile; ls -l /data/demo'",
      out: /^total 4\n-rw-r--r-- {4}1 1000 {5}2000 {5} {7}6 \w{3} [ \d]\d \d\d:\d\d testfile\n$/,
    },
    { name: 'a file outside the volume gets the primary gid', cmd: "kubectl exec security-context-demo -- sh -c 'touch /tmp/x; ls -l /tmp/x'", out: /^-rw-r--r-- {4}1 1000 {5}3000 {5}/ },
    { name: 'chown without CAP_CHOWN (non-root)', cmd: "kubectl exec security-context-demo -- chown 0 /data/demo/testfile", err: 'chown: /data/demo/testfile: Operation not permitted\ncommand terminated with exit code 1\n', code: 1 },
    { name: 'chown as root with the default capabilities', cmd: "kubectl exec root -- sh -c 'touch /tmp/f; chown 1000:2000 /tmp/f; ls -l /tmp/f'", out: /^-rw-r--r-- {4}1 1000 {5}2000 {5}/ },
    { name: 'chown after drop ALL', cmd: "kubectl exec dropall -- sh -c 'touch /tmp/f; chown 1000 /tmp/f'", err: 'chown: /tmp/f: Operation not permitted\ncommand terminated with exit code 1\n', code: 1 },
    { name: 'ip link add without NET_ADMIN', cmd: 'kubectl exec root -- ip link add dummy0 type dummy', err: 'ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 1\n', code: 1 },
    { name: 'ip addr add without NET_ADMIN', cmd: 'kubectl exec root -- ip addr add 10.9.9.9/24 dev eth0', err: 'ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 1\n', code: 1 },
    { name: 'ip link add with NET_ADMIN', cmd: 'kubectl exec netadmin -- ip link add dummy0 type dummy', out: '' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = c.run(tc.cmd);
      if (tc.out instanceof RegExp) expect(r.stdout).toMatch(tc.out);
      else if (tc.out !== undefined) expect(r.stdout).toBe(tc.out);
      if (tc.err !== undefined) expect(r.stderr).toBe(tc.err);
      expect(r.exitCode).toBe(tc.code ?? 0);
    });
  }
});
