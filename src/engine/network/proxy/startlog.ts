import { KUBERNETES_VERSION } from '../../nodes/defaults.ts';
import type { ProxyConfig } from './config.ts';

export interface KlogLine {
  level: 'I' | 'W' | 'E';
  src: string;
  msg: string;
}

/** What kube-proxy logs as it starts with `config` on a node with address `ip` (cmd/kube-proxy/app/server*.go). */
export function kubeProxyStartLines(config: ProxyConfig, ip: string): KlogLine[] {
  if (!config.ok) return [{ level: 'E', src: 'run.go:72', msg: `"command failed" err="${config.error.replace(/"/g, '\\"')}"` }];
  const label = config.mode === 'ipvs' ? 'ipvs' : config.mode === 'userspace' ? 'userspace' : 'iptables';
  const out: KlogLine[] = [
    { level: 'I', src: 'server_linux.go:66', msg: `"Using ${label} proxy"` },
    { level: 'I', src: 'server.go:698', msg: `"Successfully retrieved node IP(s)" IPs=["${ip}"]` },
  ];
  if (config.mode === 'userspace') out.push({ level: 'W', src: 'server.go:234', msg: '"The userspace proxy mode was removed in Kubernetes 1.26; Kubelab simulates it for comparison"' });
  out.push({ level: 'I', src: 'server_linux.go:170', msg: `"Using ${label} Proxier"` });
  if (config.mode === 'ipvs') out.push({ level: 'I', src: 'proxier.go:365', msg: config.scheduler === 'rr' ? '"IPVS scheduler not specified, use rr by default"' : `"IPVS scheduler set to ${config.scheduler}"` });
  out.push(
    { level: 'I', src: 'server.go:483', msg: `"Version info" version="${KUBERNETES_VERSION}"` },
    { level: 'I', src: 'config.go:199', msg: '"Starting service config controller"' },
    { level: 'I', src: 'config.go:105', msg: '"Starting endpoint slice config controller"' },
    { level: 'I', src: 'config.go:329', msg: '"Starting node config controller"' },
    { level: 'I', src: 'shared_informer.go:320', msg: '"Caches are synced for service config"' },
    { level: 'I', src: 'shared_informer.go:320', msg: '"Caches are synced for endpoint slice config"' },
  );
  return out;
}
