// The security-relevant flags of the control-plane and node components, as kind 1.32 (kubeadm) starts them:
// kube-apiserver and etcd from their static pod manifests, the kubelet from /var/lib/kubelet/config.yaml
// (shown as the equivalent flags). Changing them has effects: the API server's --authorization-mode decides
// requests, the kubelet's --anonymous-auth / --authorization-mode / --read-only-port decide what its HTTPS
// port 10250 and read-only port 10255 answer.

export type Component = 'apiserver' | 'kubelet' | 'etcd';
export const components: Component[] = ['apiserver', 'kubelet', 'etcd'];

function defaults(cpIP: string): Record<Component, Array<[string, string]>> {
  return {
    apiserver: [
      ['advertise-address', cpIP],
      ['allow-privileged', 'true'],
      ['anonymous-auth', 'true'],
      ['authorization-mode', 'Node,RBAC'],
      ['client-ca-file', '/etc/kubernetes/pki/ca.crt'],
      ['enable-admission-plugins', 'NodeRestriction'],
      ['enable-bootstrap-token-auth', 'true'],
      ['encryption-provider-config', ''],
      ['audit-policy-file', ''],
      ['etcd-cafile', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['etcd-certfile', '/etc/kubernetes/pki/apiserver-etcd-client.crt'],
      ['etcd-keyfile', '/etc/kubernetes/pki/apiserver-etcd-client.key'],
      ['etcd-servers', 'https://127.0.0.1:2379'],
      ['kubelet-client-certificate', '/etc/kubernetes/pki/apiserver-kubelet-client.crt'],
      ['kubelet-client-key', '/etc/kubernetes/pki/apiserver-kubelet-client.key'],
      ['profiling', 'true'],
      ['secure-port', '6443'],
      ['service-account-issuer', 'https://kubernetes.default.svc.cluster.local'],
      ['service-account-key-file', '/etc/kubernetes/pki/sa.pub'],
      ['service-account-signing-key-file', '/etc/kubernetes/pki/sa.key'],
      ['service-cluster-ip-range', '10.96.0.0/16'],
      ['tls-cert-file', '/etc/kubernetes/pki/apiserver.crt'],
      ['tls-private-key-file', '/etc/kubernetes/pki/apiserver.key'],
    ],
    kubelet: [
      ['anonymous-auth', 'false'],
      ['authentication-token-webhook', 'true'],
      ['authorization-mode', 'Webhook'],
      ['client-ca-file', '/etc/kubernetes/pki/ca.crt'],
      ['protect-kernel-defaults', 'false'],
      ['read-only-port', '0'],
      ['rotate-certificates', 'true'],
      ['streaming-connection-idle-timeout', '4h0m0s'],
      ['make-iptables-util-chains', 'true'],
      ['event-qps', '50'],
    ],
    etcd: [
      ['advertise-client-urls', `https://${cpIP}:2379`],
      ['auto-tls', 'false'],
      ['cert-file', '/etc/kubernetes/pki/etcd/server.crt'],
      ['client-cert-auth', 'true'],
      ['data-dir', '/var/lib/etcd'],
      ['key-file', '/etc/kubernetes/pki/etcd/server.key'],
      ['listen-client-urls', `https://127.0.0.1:2379,https://${cpIP}:2379`],
      ['peer-auto-tls', 'false'],
      ['peer-cert-file', '/etc/kubernetes/pki/etcd/peer.crt'],
      ['peer-client-cert-auth', 'true'],
      ['peer-key-file', '/etc/kubernetes/pki/etcd/peer.key'],
      ['peer-trusted-ca-file', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['trusted-ca-file', '/etc/kubernetes/pki/etcd/ca.crt'],
    ],
  };
}

/** Allowed values where a flag has a closed set (validated on `lab config set`). */
const choices: Record<string, (v: string) => string | undefined> = {
  'kubelet/authorization-mode': (v) => (v === 'AlwaysAllow' || v === 'Webhook' ? undefined : `invalid authorization mode "${v}": must be AlwaysAllow or Webhook`),
  'apiserver/authorization-mode': (v) => {
    const modes = v.split(',');
    for (const m of modes) if (!['AlwaysAllow', 'AlwaysDeny', 'ABAC', 'Webhook', 'RBAC', 'Node'].includes(m)) return `authorization-mode "${m}" is not a valid mode`;
    return undefined;
  },
  'kubelet/read-only-port': (v) => (/^\d+$/.test(v) && Number(v) < 65536 ? undefined : `invalid port "${v}"`),
};

const bools = new Set(['anonymous-auth', 'client-cert-auth', 'peer-client-cert-auth', 'auto-tls', 'peer-auto-tls', 'protect-kernel-defaults', 'rotate-certificates', 'profiling', 'allow-privileged', 'authentication-token-webhook', 'make-iptables-util-chains', 'enable-bootstrap-token-auth']);

export class ComponentConfig {
  private readonly flags: Record<Component, Map<string, string>>;

  constructor(controlPlaneIP: string) {
    const d = defaults(controlPlaneIP);
    this.flags = { apiserver: new Map(d.apiserver), kubelet: new Map(d.kubelet), etcd: new Map(d.etcd) };
  }

  get(c: Component, flag: string): string {
    return this.flags[c].get(flag) ?? '';
  }

  entries(c: Component): Array<[string, string]> {
    return [...this.flags[c]].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  /** Set a flag; returns an error message, or undefined. */
  set(c: Component, flag: string, value: string): string | undefined {
    if (!this.flags[c].has(flag)) return `unknown flag: --${flag} (not a ${c} flag the lab models)`;
    if (bools.has(flag) && value !== 'true' && value !== 'false') return `invalid argument "${value}" for "--${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
    const why = choices[`${c}/${flag}`]?.(value);
    if (why) return why;
    this.flags[c].set(flag, value);
    return undefined;
  }

  /** Every flag name any component has (the `lab config set` flag list). */
  static flagNames(): string[] {
    const d = defaults('');
    return [...new Set([...d.apiserver, ...d.kubelet, ...d.etcd].map(([k]) => k))].sort();
  }
}
