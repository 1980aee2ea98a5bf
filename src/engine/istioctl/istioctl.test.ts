// istioctl output. Formats follow istioctl 1.24: istioctl/pkg/writer/envoy/configdump (cluster.go: tabwriter
// padding 5, sorted by FQDN, subset, port, direction; listener.go: padding 1, rows per filter chain sorted by
// destination descending), pkg/version/cobra.go, and the analyzer messages of pkg/config/analysis/msg/messages.yaml.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

let c: ReturnType<typeof createCluster>;
beforeAll(() => {
  c = createCluster({ seed: 5, nodes: 1 });
  expect(c.run('istioctl install --set profile=minimal -y').exitCode).toBe(0);
  c.run('kubectl label namespace default istio-injection=enabled');
  c.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: ratings}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}, {name: tcp-db, port: 5432}]
EOF`);
  c.run('kubectl run ratings --image=nginx --labels=app=ratings,version=v1 --port=9080');
  c.advance(30_000);
});

describe('istioctl', () => {
  it('errors like cobra when the command is unknown or a pod has no proxy', () => {
    expect(c.run('istioctl proxy-config clusters nope').stderr).toBe('Error: pods "nope" not found\n');
  });

  it('proxy-config clusters --fqdn', () => {
    expect(c.run('istioctl proxy-config clusters ratings --fqdn ratings.default.svc.cluster.local').stdout).toBe(
      'SERVICE FQDN                          PORT     SUBSET     DIRECTION     TYPE     DESTINATION RULE\n' +
        'ratings.default.svc.cluster.local     5432     -          outbound      EDS      \n' +
        'ratings.default.svc.cluster.local     9080     -          outbound      EDS      \n',
    );
  });

  it('proxy-config listeners --port: HTTP on 0.0.0.0_PORT, TCP on CLUSTERIP_PORT', () => {
    const out = c.run('istioctl pc listeners ratings --port 9080').stdout;
    expect(out).toBe('ADDRESSES PORT MATCH                                DESTINATION\n0.0.0.0   9080 Trans: raw_buffer; App: http/1.1,h2c Route: 9080\n0.0.0.0   9080 ALL                                  PassthroughCluster\n');
    const ip = (c.get('services', 'ratings', 'default')!.spec as { clusterIP: string }).clusterIP;
    expect(c.run('istioctl pc listeners ratings --port 5432').stdout).toContain(`${ip} 5432 ALL   Cluster: outbound|5432||ratings.default.svc.cluster.local\n`);
  });

  it('proxy-config -o json prints the Envoy resources with 4-space indentation', () => {
    const out = c.run('istioctl pc clusters ratings --fqdn ratings.default.svc.cluster.local --port 9080 -o json').stdout;
    const parsed = JSON.parse(out);
    expect(parsed[0].name).toBe('outbound|9080||ratings.default.svc.cluster.local');
    expect(out.split('\n')[2]).toBe('        "name": "outbound|9080||ratings.default.svc.cluster.local",');
  });

  it('version counts the proxies', () => {
    expect(c.run('istioctl version').stdout).toBe('client version: 1.24.2\ncontrol plane version: 1.24.2\ndata plane version: 1.24.2 (1 proxies)\n');
  });

  it('analyze: unknown host, conflicting VirtualServices, exit code 79', () => {
    c.run(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: a}
spec:
  hosts: [ratings]
  http: [{route: [{destination: {host: ratingz}}]}]
EOF`);
    c.run(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: b}
spec:
  hosts: [ratings.default.svc.cluster.local]
  http: [{route: [{destination: {host: ratings}}]}]
EOF`);
    const r = c.run('istioctl analyze');
    expect(r.stdout).toBe(
      'Error [IST0101] (VirtualService default/a) Referenced host not found: "ratingz"\n' +
        'Error [IST0109] (VirtualService default/a) The VirtualServices default/a,default/b associated with mesh gateway define the same host */ratings.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.\n' +
        'Error [IST0109] (VirtualService default/b) The VirtualServices default/a,default/b associated with mesh gateway define the same host */ratings.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.\n',
    );
    expect(r.exitCode).toBe(79);
    c.run('kubectl delete vs a b');
  });

  it('analyze: namespace not injected (Info), pod missing its proxy (Warning)', () => {
    c.run('kubectl create namespace plain');
    const r = c.run('istioctl analyze -n plain');
    expect(r.stdout).toBe("Info [IST0102] (Namespace plain) The namespace is not enabled for Istio injection. Run 'kubectl label namespace plain istio-injection=enabled' to enable it, or 'kubectl label namespace plain istio-injection=disabled' to explicitly mark it as not needing injection.\n");
    expect(r.exitCode).toBe(0);
    c.run('kubectl run late --image=nginx -n plain');
    c.run('kubectl label namespace plain istio-injection=enabled');
    expect(c.run('istioctl analyze -n plain').stdout).toMatch(/^Warning \[IST0103\] \(Pod plain\/late\) The pod plain\/late is missing the Istio proxy\. This can often be resolved by restarting or redeploying the workload\.\n$/);
    expect(c.runtime.internalErrors).toEqual([]);
  });
});
