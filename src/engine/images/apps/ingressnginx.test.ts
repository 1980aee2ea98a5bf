/**
 * The ingress-nginx controller image under `lab addon enable ingress`: the upstream deploy manifest's probes
 * (GET /healthz on 10254) make it Ready, its log starts with the controller banner, it serves the generated
 * nginx.conf, and HTTP on port 80 is routed by Host and proxied to the backend pod.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { httpToWorker, KUBELET_MANAGER } from '../../kubelet/http.ts';
import type { KubeletManager } from '../../kubelet/manager.ts';
import { resolveImage } from '../catalog.ts';
import { parseImageRef } from '../reference.ts';

const DIGEST = 'sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa';

function lab() {
  const c = createCluster({ seed: 5 });
  expect(c.run('lab addon enable ingress').exitCode).toBe(0);
  c.run('kubectl create deployment web --image=nginx');
  c.run('kubectl expose deployment web --port=80');
  c.run('kubectl create ingress web --class=nginx --rule=foo.com/=web:80');
  c.run('sleep 30');
  const pod = c.run('kubectl get pods -n ingress-nginx -o name').stdout.trim().replace('pod/', '');
  const w = c.runtime.service<KubeletManager>(KUBELET_MANAGER)!.worker('ingress-nginx', pod)!;
  return { c, pod, w };
}

describe('registry.k8s.io/ingress-nginx/controller', () => {
  it.each([
    { ref: 'registry.k8s.io/ingress-nginx/controller:v1.12.0', digest: DIGEST },
    { ref: `registry.k8s.io/ingress-nginx/controller:v1.12.0@${DIGEST}`, digest: DIGEST },
    { ref: `registry.k8s.io/ingress-nginx/controller@${DIGEST}`, digest: DIGEST },
  ])('$ref resolves to the published digest', ({ ref, digest }) => {
    const r = resolveImage(parseImageRef(ref));
    expect('repo' in r && r.imageID).toBe(`registry.k8s.io/ingress-nginx/controller@${digest}`);
  });

  it('the addon brings the controller to Running and Ready through its /healthz probes', () => {
    const { c } = lab();
    expect(c.run('kubectl get pods -n ingress-nginx').stdout).toMatch(/ingress-nginx-controller-\S+\s+1\/1\s+Running\s+0\s+30s/);
    const describe = c.run('kubectl describe pods -n ingress-nginx').stdout;
    expect(describe).toContain(`Image:         registry.k8s.io/ingress-nginx/controller:v1.12.0@${DIGEST}\n`);
    expect(describe).toContain(`Image ID:      registry.k8s.io/ingress-nginx/controller@${DIGEST}\n`);
    expect(describe).toContain('Readiness:  http-get http://:10254/healthz delay=10s timeout=1s period=10s #success=1 #failure=3\n');
    expect(describe).not.toContain('Unhealthy');
  });

  it('logs the controller banner and start-up', () => {
    const { c, pod } = lab();
    const logs = c.run('kubectl logs -n ingress-nginx deploy/ingress-nginx-controller').stdout.split('\n');
    expect(logs.slice(0, 6)).toEqual([
      '-------------------------------------------------------------------------------',
      'NGINX Ingress controller',
      '  Release:       v1.12.0',
      '  Build:         ba73b2c24d355f1cdcf4b31ef7c5574059f12118',
      '  Repository:    https://github.com/kubernetes/ingress-nginx',
      '  nginx version: nginx/1.25.5',
    ]);
    expect(logs.some((l) => /^I0101 \d\d:\d\d:\d\d\.\d{6} {7}7 nginx\.go:271\] "Starting NGINX Ingress controller"$/.test(l))).toBe(true);
    expect(logs.some((l) => l.endsWith(`status.go:85] "New leader elected" identity="${pod}"`))).toBe(true);
  });

  it('serves its generated nginx.conf', () => {
    const { c } = lab();
    const r = c.run('kubectl exec -n ingress-nginx deploy/ingress-nginx-controller -- cat /etc/nginx/nginx.conf');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(c.runtime.service<{ config(): string }>('ingress')!.config());
    expect(r.stdout).toContain('## start server foo.com');
  });

  it('routes HTTP by Host to the backend pod, answers 404 for unknown hosts, and /healthz on 10254', () => {
    const { c, w } = lab();
    const hit = httpToWorker(w, 80, '/', '10.244.1.9', 'curl/8.11.1', { host: 'foo.com' });
    expect(hit).toMatchObject({ status: 200 });
    expect('body' in hit && hit.body).toContain('<title>Welcome to nginx!</title>');
    const miss = httpToWorker(w, 80, '/', '10.244.1.9', 'curl/8.11.1', { host: 'bar.com' });
    expect(miss).toMatchObject({ status: 404 });
    expect(httpToWorker(w, 10254, '/healthz', '10.244.1.9')).toEqual({ status: 200, body: 'ok' });
    const access = c.run('kubectl logs -n ingress-nginx deploy/ingress-nginx-controller --tail=2').stdout.split('\n');
    expect(access[0]).toMatch(/^10\.244\.1\.9 - - \[01\/Jan\/2025:00:0\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.11\.1" \d+ [\d.]+ \[default-web-80\] \[\] 10\.244\.\d+\.\d+:80 615 [\d.]+ 200 [0-9a-f]{32}$/);
    expect(access[1]).toMatch(/"GET \/ HTTP\/1\.1" 404 \d+ .* \[upstream-default-backend\] \[\] - - - - [0-9a-f]{32}$/);
    const backend = c.run('kubectl logs deploy/web --tail=1').stdout;
    expect(backend).toMatch(/^10\.244\.\d+\.\d+ - - \[01\/Jan\/2025:00:0\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.11\.1" "-"\n$/);
  });
});
