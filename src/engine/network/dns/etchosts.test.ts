import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podHostsFile } from './etchosts.ts';

const head =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
  'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

// Cases after TestManagedHostsFileContent (pkg/kubelet/kubelet_pods_test.go) and the "Adding entries to Pod
// /etc/hosts with HostAliases" task page, whose hostaliases-pod output the second case reproduces.
describe('the kubelet-managed /etc/hosts', () => {
  it.each([
    { name: 'plain pod', pod: { metadata: { name: 'web', namespace: 'default' } }, ips: ['10.244.1.5'], want: `${head}10.244.1.5\tweb\n` },
    {
      name: 'hostAliases (the docs example)',
      pod: {
        metadata: { name: 'hostaliases-pod', namespace: 'default' },
        spec: { containers: [], hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }] },
      },
      ips: ['10.200.0.5'],
      want: `${head}10.200.0.5\thostaliases-pod\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n`,
    },
    {
      name: 'hostname and subdomain: the FQDN first',
      pod: { metadata: { name: 'web-0', namespace: 'shop' }, spec: { containers: [], hostname: 'web-0', subdomain: 'web' } },
      ips: ['10.244.2.7'],
      want: `${head}10.244.2.7\tweb-0.web.shop.svc.cluster.local\tweb-0\n`,
    },
    { name: 'no IP yet', pod: { metadata: { name: 'p', namespace: 'default' } }, ips: [], want: head },
  ])('$name', ({ pod, ips, want }) => {
    expect(podHostsFile(pod as Pod, ips)).toBe(want);
  });
});
