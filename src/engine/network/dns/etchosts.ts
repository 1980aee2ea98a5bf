import type { Pod } from 'kubernetes-types/core/v1';

/**
 * The /etc/hosts the kubelet writes into every container of a pod that does not use the host network
 * (managedHostsFileContent in pkg/kubelet/kubelet_pods.go): localhost lines, the pod's own IPs under its
 * hostname (FQDN first when it has a subdomain), then spec.hostAliases, one line per IP.
 */
export function podHostsFile(pod: Pod, podIPs: string[], clusterDomain = 'cluster.local'): string {
  const hostName = pod.spec?.hostname || pod.metadata?.name || '';
  const sub = pod.spec?.subdomain;
  const domain = sub ? `${sub}.${pod.metadata?.namespace ?? 'default'}.svc.${clusterDomain}` : '';
  let out =
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain ? `${ip}\t${hostName}.${domain}\t${hostName}\n` : `${ip}\t${hostName}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}
