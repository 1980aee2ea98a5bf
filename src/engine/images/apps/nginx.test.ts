import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const ok = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  expect(r.exitCode, `${cmd}: ${r.stderr}`).toBe(0);
  return r;
};

// The two-container pod of the Kubernetes docs ("Communicate Between Containers in the Same Pod Using a Shared
// Volume"), with the writer as a shell loop: what the loop appends is what nginx serves.
describe('a sidecar writing into a shared emptyDir is seen by the other container', () => {
  const c = createCluster({ seed: 3 });
  ok(c, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  volumes:
  - {name: html, emptyDir: {}}
  containers:
  - name: web
    image: nginx
    volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]
  - name: writer
    image: busybox
    command: [sh, -c, "while true; do echo tick >> /html/index.html; sleep 1; done"]
    volumeMounts: [{name: html, mountPath: /html}]
  - name: client
    image: busybox
    command: [sleep, "3600"]
EOF`);
  c.advance(20_000);
  it('cat in the nginx container sees the lines the loop wrote so far', () => {
    const n = ok(c, 'kubectl exec two -c web -- cat /usr/share/nginx/html/index.html').stdout.split('\n').filter(Boolean).length;
    expect(n).toBeGreaterThan(5);
    c.advance(10_000);
    const m = ok(c, 'kubectl exec two -c web -- cat /usr/share/nginx/html/index.html').stdout.split('\n').filter(Boolean).length;
    expect(m - n).toBeGreaterThanOrEqual(9);
  });
  it('nginx serves the file from its docroot', () => {
    const r = ok(c, 'kubectl exec two -c client -- wget -qO- localhost');
    expect(r.stdout).toMatch(/^(tick\n)+$/);
  });
});

// nginx's static module with the image's default.conf (root /usr/share/nginx/html; index index.html index.htm;
// autoindex off): ngx_http_static_module / ngx_http_index_module behaviour and the stock error pages.
describe('nginx serves its docroot', () => {
  const c = createCluster({ seed: 4 });
  ok(c, 'kubectl run web --image=nginx:1.27');
  ok(c, 'kubectl run client --image=curlimages/curl -- sleep 3600');
  c.advance(30_000);
  ok(c, `kubectl exec web -- sh -c 'mkdir -p /usr/share/nginx/html/docs /usr/share/nginx/html/empty && echo hello > /usr/share/nginx/html/hello.txt && echo docs > /usr/share/nginx/html/docs/index.html'`);
  const ip = ok(c, 'kubectl get pod web -o jsonpath={.status.podIP}').stdout;
  const page = (code: number, text: string) => `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n`;
  it.each([
    { name: 'the image welcome page at /', path: '/', out: /<title>Welcome to nginx!<\/title>/ },
    { name: 'a file written into the docroot', path: '/hello.txt', out: 'hello\n' },
    { name: 'a directory index', path: '/docs/', out: 'docs\n' },
    { name: 'a missing file is 404 with the stock page', path: '/nope', out: page(404, 'Not Found') },
    { name: 'a directory without index is 403', path: '/empty/', out: page(403, 'Forbidden') },
  ])('$name', ({ path, out }) => {
    const r = c.run(`kubectl exec client -- curl -s http://${ip}${path}`);
    expect(r.exitCode).toBe(0);
    if (typeof out === 'string') expect(r.stdout).toBe(out);
    else expect(r.stdout).toMatch(out);
  });
  it('logs the forbidden directory as nginx does', () => {
    const logs = ok(c, 'kubectl logs web').stdout;
    expect(logs).toMatch(/\[error\] 29#29: \*\d+ directory index of "\/usr\/share\/nginx\/html\/empty\/" is forbidden, client: [\d.]+, server: localhost, request: "GET \/empty\/ HTTP\/1.1", host: "[\d.]+"/);
  });
});

// Containers of a pod share one network namespace: the second bind() of port 80 fails with EADDRINUSE
// (glibc strerror "Address already in use", musl "Address in use"); nginx retries 5 times, then exits 1.
describe('two containers of a pod on the same port', () => {
  const c = createCluster({ seed: 5 });
  ok(c, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: clash}
spec:
  containers:
  - {name: a, image: nginx}
  - {name: b, image: nginx:alpine}
EOF`);
  c.advance(60_000);
  it('the second container logs the bind failure and crash-loops', () => {
    const logs = c.run('kubectl logs clash -c b --previous').stdout || c.run('kubectl logs clash -c b').stdout;
    expect(logs).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)\n');
    expect(logs).toContain('nginx: [emerg] bind() to [::]:80 failed (98: Address in use)\n');
    expect(logs).toMatch(/nginx: \[emerg\] still could not bind\(\)\n$/);
    const st = JSON.parse(ok(c, 'kubectl get pod clash -o json').stdout).status.containerStatuses;
    const b = st.find((x: { name: string }) => x.name === 'b');
    expect(b.restartCount).toBeGreaterThan(0);
    expect(b.lastState.terminated.exitCode).toBe(1);
    expect(st.find((x: { name: string }) => x.name === 'a').restartCount).toBe(0);
  });
  it('the first container still serves', () => {
    expect(ok(c, 'kubectl exec clash -c a -- curl -s localhost').stdout).toMatch(/Welcome to nginx!/);
  });
});
