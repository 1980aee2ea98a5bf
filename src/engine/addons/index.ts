import { cniObjects } from '../network/cni/daemonset.ts';
import { installCoreDNS } from '../network/dns/index.ts';
import { kubeProxyObjects } from '../network/proxy/daemonset.ts';
import { joinWorkers } from '../nodes/index.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { createAllMissing } from './install.ts';

/** Virtual time a fresh cluster may take to come up before it is handed over anyway. */
const BOOT_LIMIT_MS = 5 * 60_000;

/**
 * What happens after `kubeadm init` brought the control plane up: the addon phase (CoreDNS unless `dns: false`,
 * kube-proxy), then the pod network (`kubectl apply -f` of flannel's or Calico's manifest).
 */
export function installAddons(rt: ClusterRuntime): void {
  if (rt.options.dns !== false) installCoreDNS(rt);
  createAllMissing(rt, kubeProxyObjects(rt.options.proxyMode ?? 'iptables'));
  createAllMissing(rt, cniObjects(rt.options.cni ?? 'flannel'));
}

/**
 * Hand the cluster over booted, as `kind create cluster` returns it: the control-plane nodes' kubelets start the
 * static pods; once they are up, kubeadm's addon phase and the CNI's manifest are applied, the workers join, and
 * virtual time runs until every system pod and node is Ready (nothing but periodic work left).
 */
export function boot(rt: ClusterRuntime): void {
  rt.runUntilIdle(BOOT_LIMIT_MS);
  installAddons(rt);
  rt.settle();
  joinWorkers(rt);
  rt.settle();
  rt.runUntilIdle(BOOT_LIMIT_MS);
}
