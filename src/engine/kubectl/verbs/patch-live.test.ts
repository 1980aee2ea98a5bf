import { describe, expect, it } from 'vitest';
import type { ResourceType } from '../../api/types.ts';
import { kubectl, newCluster } from '../apply/testkit.ts';

function withDeployment() {
  const c = newCluster();
  expect(kubectl(c, ['create', 'deployment', 'web', '--image=nginx', '--replicas=2']).code).toBe(0);
  c.runUntilIdle();
  return c;
}

const spec = (c: ReturnType<typeof newCluster>) => c.get('deploy', 'web')?.spec as { replicas: number; template: { spec: { containers: Array<{ name: string; image: string }> } } };

// Messages from staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go and the apiserver's
// endpoints/handlers/patch.go (status codes of each patch failure).
describe('kubectl patch against the cluster', () => {
  it('patched, then patched (no change); the object changes once', () => {
    const c = withDeployment();
    const rv = c.get('deploy', 'web')?.metadata.resourceVersion;
    expect(kubectl(c, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}'])).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', code: 0 });
    expect(spec(c).replicas).toBe(3);
    const rv2 = c.get('deploy', 'web')?.metadata.resourceVersion;
    expect(rv2).not.toBe(rv);
    expect(kubectl(c, ['patch', 'deploy/web', '-p', '{"spec":{"replicas":3}}']).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect(c.get('deploy', 'web')?.metadata.resourceVersion).toBe(rv2);
  });

  it('strategic merge adds a container by name; merge patch replaces the list', () => {
    const c = withDeployment();
    kubectl(c, ['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"log","image":"busybox"}]}}}}']);
    expect(spec(c).template.spec.containers.map((x) => x.name)).toEqual(['log', 'nginx']);
    kubectl(c, ['patch', 'deploy', 'web', '--type', 'merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox"}]}}}}']);
    expect(spec(c).template.spec.containers.map((x) => x.name)).toEqual(['only']);
  });

  it('json patch; a failed test is 422 without details', () => {
    const c = withDeployment();
    expect(kubectl(c, ['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":5}]']).code).toBe(0);
    expect(spec(c).replicas).toBe(5);
    expect(kubectl(c, ['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":1}]'])).toEqual({
      stdout: '',
      stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
      code: 1,
    });
    expect(kubectl(c, ['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/nope"}]']).stderr).toBe(
      "Error from server (BadRequest): error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n",
    );
    expect(kubectl(c, ['patch', 'deploy', 'web', '--type=json', '-p', '{"op":"add"}']).stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    );
  });

  it('server errors: unknown merge key is a 500 without reason; validation is the usual Invalid', () => {
    const c = withDeployment();
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}']).stderr).toBe(
      'Error from server: map: map[image:x] does not contain declared merge key: name\n',
    );
    const r = kubectl(c, ['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":-1}}']);
    expect(r.stderr).toMatch(/^The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n/);
    expect(spec(c).replicas).toBe(2);
    expect(kubectl(c, ['patch', 'deploy', 'nope', '-p', '{}']).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{"metadata":{"name":"other"}}']).stderr).toBe(
      'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n',
    );
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('strategic merge on a custom resource is refused (415), merge works', () => {
    const c = newCluster();
    c.runtime.api.registry.register({
      kind: 'CronTab', group: 'stable.example.com', version: 'v1', plural: 'crontabs', singular: 'crontab', shortNames: [], namespaced: true,
      verbs: ['create', 'get', 'list', 'update', 'patch', 'delete', 'watch'],
    } as unknown as ResourceType);
    c.writeFile('ct.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: c\nspec:\n  a: 1\n');
    expect(kubectl(c, ['create', '-f', 'ct.yaml']).code).toBe(0);
    expect(kubectl(c, ['patch', 'crontab', 'c', '-p', '{"spec":{"a":2}}']).stderr).toBe(
      'error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
    );
    expect(kubectl(c, ['patch', 'crontab', 'c', '--type', 'merge', '-p', '{"spec":{"a":2}}']).stdout).toBe('crontab.stable.example.com/c patched\n');
  });

  it('dry runs leave the object alone', () => {
    const c = withDeployment();
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":7}}', '--dry-run=server']).stdout).toBe('deployment.apps/web patched\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":7}}', '--dry-run=client', '-o', 'jsonpath={.spec.replicas}']).stdout).toBe('7');
    expect(spec(c).replicas).toBe(2);
  });

  it('--subresource scale and status', () => {
    const c = withDeployment();
    expect(kubectl(c, ['patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":4}}'])).toEqual({ stdout: 'scale.autoscaling/web patched\n', stderr: '', code: 0 });
    expect(spec(c).replicas).toBe(4);
    const y = kubectl(c, ['patch', 'deploy', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":4}}', '-o', 'yaml']).stdout;
    expect(y).toMatch(/^apiVersion: autoscaling\/v1\nkind: Scale\n/);
    expect(y).toContain('  selector: app=web\n');
    expect(kubectl(c, ['patch', 'cm', 'kube-root-ca.crt', '--subresource=scale', '-p', '{}']).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    kubectl(c, ['create', 'service', 'clusterip', 'svc', '--tcp=80']);
    const lb = '{"status":{"loadBalancer":{"ingress":[{"ip":"10.9.9.9"}]}}}';
    expect(kubectl(c, ['patch', 'svc', 'svc', '--type=merge', '-p', lb]).stdout).toBe('service/svc patched (no change)\n');
    // (the service controller resets a ClusterIP service's load balancer status, so look at the server's answer)
    const r = kubectl(c, ['patch', 'svc', 'svc', '--subresource=status', '--type=merge', '-p', lb, '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}']);
    expect(r.stdout).toBe('10.9.9.9');
  });

  it('flag errors', () => {
    const c = withDeployment();
    expect(kubectl(c, ['patch', 'deploy', 'web']).stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{}', '--type', 'x']).stderr).toBe('error: --type must be one of [json merge strategic], not "x"\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '-p', '{}', '--local']).stderr).toBe('error: cannot specify --local and server resources\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '--patch-file', 'p.yaml']).stderr).toBe('error: unable to read patch file: open p.yaml: no such file or directory\n');
    c.writeFile('p.yaml', 'spec:\n  replicas: 6\n');
    expect(kubectl(c, ['patch', 'deploy', 'web', '--patch-file', 'p.yaml']).stdout).toBe('deployment.apps/web patched\n');
    expect(spec(c).replicas).toBe(6);
  });
});
