import { load } from 'js-yaml';
import { SCHEDULERS, type Scheduler } from './ipvs.ts';
import type { ProxyMode } from './types.ts';

export const CONFIGMAP_NAME = 'kube-proxy';
export const CLUSTER_CIDR = '10.244.0.0/16';

/** The KubeProxyConfiguration kubeadm (as kind configures it) stores in the kube-proxy ConfigMap. */
export function configConf(mode: string, scheduler = ''): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${CLUSTER_CIDR}
configSyncPeriod: 0s
conntrack:
  maxPerCore: 0
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 1s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: "${scheduler}"
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ${mode}
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForIgnoredErrors: false
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""
`;
}

export const KUBECONFIG_CONF = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://kind-control-plane:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;

export type ProxyConfig = { ok: true; mode: ProxyMode; scheduler: Scheduler } | { ok: false; error: string };

/** Read mode and ipvs.scheduler from config.conf, with kube-proxy's validation. */
export function parseProxyConfig(text: string | undefined): ProxyConfig {
  if (text === undefined) return { ok: true, mode: 'iptables', scheduler: 'rr' };
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    return { ok: false, error: `failed to decode: ${(e as Error).message.split('\n')[0]}` };
  }
  const cfg = (doc ?? {}) as { mode?: unknown; ipvs?: { scheduler?: unknown } };
  const mode = String(cfg.mode ?? '');
  const scheduler = String(cfg.ipvs?.scheduler ?? '');
  if (mode === 'nftables') return { ok: false, error: 'nftables proxy mode is not simulated by Kubelab' };
  if (!['', 'iptables', 'ipvs', 'userspace'].includes(mode)) {
    return { ok: false, error: `invalid configuration: [KubeProxyConfiguration.Mode: Invalid value: "${mode}": must be iptables, ipvs or nftables]` };
  }
  if (scheduler && !SCHEDULERS.includes(scheduler as Scheduler)) {
    return { ok: false, error: `invalid configuration: [KubeProxyConfiguration.IPVS.Scheduler: Invalid value: "${scheduler}": unsupported scheduler]` };
  }
  return { ok: true, mode: (mode || 'iptables') as ProxyMode, scheduler: (scheduler || 'rr') as Scheduler };
}
