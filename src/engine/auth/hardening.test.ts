// The hardening checklist (kubernetes.io/docs/concepts/security/hardening-guide, CIS kubelet items): the
// kubelet API refuses anonymous requests by default (401), an anonymous kubelet still asks the API server
// (403 naming the nodes/proxy check), an open one lists its pods; the read-only port is off unless set.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

function lab() {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.run('kubectl run b --image=busybox -- sleep 3600');
  c.advance(15000);
  const pod = c.get('pods', 'b', 'default')!;
  const node = c.get('nodes', (pod.spec as { nodeName: string }).nodeName)!;
  const ip = (node.status as { addresses: Array<{ type: string; address: string }> }).addresses.find((a) => a.type === 'InternalIP')!.address;
  return { c, ip };
}

describe('kubelet API exposure', () => {
  const cases = [
    { name: 'default: anonymous requests are unauthorized', set: [], url: (ip: string) => `https://${ip}:10250/pods`, out: 'Unauthorized', code: 0 },
    {
      name: 'anonymous on, Webhook authorization: the API server says no',
      set: ['lab config set kubelet --anonymous-auth=true'],
      url: (ip: string) => `https://${ip}:10250/pods`,
      out: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)',
      code: 0,
    },
    { name: 'read-only port closed by default', set: [], url: (ip: string) => `http://${ip}:10255/pods`, out: '', code: 7 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { c, ip } = lab();
      for (const s of tc.set) expect(c.run(s).exitCode).toBe(0);
      const r = c.run(`kubectl exec b -- curl -sk ${tc.url(ip)}`);
      expect(r.stdout).toBe(tc.out);
      expect(r.exitCode).toBe(tc.code);
    });
  }
  it('anonymous + AlwaysAllow lists the pods of the node; so does the read-only port', () => {
    const { c, ip } = lab();
    c.run('lab config set kubelet --anonymous-auth=true --authorization-mode=AlwaysAllow --read-only-port=10255');
    for (const url of [`https://${ip}:10250/pods`, `http://${ip}:10255/pods`]) {
      const list = JSON.parse(c.run(`kubectl exec b -- curl -sk ${url}`).stdout);
      expect(list.kind).toBe('PodList');
      expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toContain('b');
    }
  });
  it('apiserver --authorization-mode=AlwaysAllow lets anyone do anything', () => {
    const { c } = lab();
    expect(c.run('kubectl get pods --as nobody').exitCode).toBe(1);
    c.run('lab config set apiserver --authorization-mode=AlwaysAllow');
    expect(c.run('kubectl get pods --as nobody').exitCode).toBe(0);
    expect(c.run('lab config show apiserver').stdout).toContain('  --authorization-mode=AlwaysAllow\n');
  });
  it('rejects bad values', () => {
    const { c } = lab();
    expect(c.run('lab config set kubelet --authorization-mode=RBAC').stderr).toBe('error: invalid authorization mode "RBAC": must be AlwaysAllow or Webhook\n');
    expect(c.run('lab config set etcd --client-cert-auth=maybe').stderr).toBe('error: invalid argument "maybe" for "--client-cert-auth" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n');
  });
});
