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

  // pkg/version/cobra.go: -o json is json.MarshalIndent(Version, "", "  ") + "\n" (clientVersion, meshVersion,
  // dataPlaneVersion in struct order), -o yaml is sigs.k8s.io/yaml (keys sorted) + Println's extra newline,
  // --short=false prints BuildInfo.LongForm() (%#v); any other -o is refused.
  const build = { version: '1.24.2', revision: '6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c', golang_version: 'go1.23.4', status: 'Clean', tag: '1.24.2' };
  const versionCases = [
    { name: '-o json', line: 'istioctl version -o json', check: (out: string) => {
      const v = JSON.parse(out);
      expect(Object.keys(v)).toEqual(['clientVersion', 'meshVersion', 'dataPlaneVersion']);
      expect(v.clientVersion).toEqual(build);
      expect(v.meshVersion).toEqual([{ Component: 'pilot', Info: build }]);
      expect(v.dataPlaneVersion).toEqual([{ ID: expect.stringMatching(/^ratings\.default$/), IstioVersion: '1.24.2', Type: 'sidecar' }]);
      expect(out.split('\n')[1]).toBe('  "clientVersion": {');
    } },
    { name: '-o yaml', line: 'istioctl version -o yaml', check: (out: string) => {
      expect(out.startsWith('clientVersion:\n  golang_version: go1.23.4\n  revision: 6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c\n  status: Clean\n  tag: 1.24.2\n  version: 1.24.2\ndataPlaneVersion:\n- ID: ratings.default\n  IstioVersion: 1.24.2\n  Type: sidecar\nmeshVersion:\n- Component: pilot\n')).toBe(true);
      expect(out.endsWith('\n\n')).toBe(true);
    } },
    { name: '--short=false', line: 'istioctl version --short=false', check: (out: string) => expect(out).toBe(
      'client version: version.BuildInfo{Version:"1.24.2", GitRevision:"6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c", GolangVersion:"go1.23.4", BuildStatus:"Clean", GitTag:"1.24.2"}\n' +
      'pilot version: version.BuildInfo{Version:"1.24.2", GitRevision:"6f9f2b5ab5b0f2a5e1c0a6c1f3e0bd4a5f6e7d8c", GolangVersion:"go1.23.4", BuildStatus:"Clean", GitTag:"1.24.2"}\n' +
      'data plane version: version.ProxyInfo{ID:"ratings.default", IstioVersion:"1.24.2", Type:"sidecar"}\n') },
    { name: '--remote=false: the client only', line: 'istioctl version --remote=false -o json', check: (out: string) => expect(JSON.parse(out)).toEqual({ clientVersion: build }) },
  ];
  for (const tc of versionCases) it(`version ${tc.name}`, () => {
    const r = c.run(tc.line);
    expect(r.exitCode).toBe(0);
    tc.check(r.stdout);
  });

  it('version -o xml is refused', () => {
    const r = c.run('istioctl version -o xml');
    expect(r.stderr).toBe("Error: --output must be 'yaml' or 'json'\n");
    expect(r.exitCode).toBe(1);
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
