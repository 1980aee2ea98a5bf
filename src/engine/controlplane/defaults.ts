/**
 * Facts about the simulated control plane (kubeadm/kind defaults for Kubernetes 1.32).
 */
import { CONTROL_PLANE_NODE } from '../nodes/defaults.ts';

/** Namespace of the components' leader-election Leases. */
export const LEADER_ELECTION_NAMESPACE = 'kube-system';
/** --leader-elect-lease-duration (kube-controller-manager and kube-scheduler default). */
export const LEASE_DURATION_SECONDS = 15;
/** --leader-elect-renew-deadline. */
export const RENEW_DEADLINE_MS = 10_000;
/** --leader-elect-retry-period. */
export const RETRY_PERIOD_MS = 2_000;
/** client-go's leaderelection JitterFactor: a candidate retries every RetryPeriod × (1 + rand × 1.2). */
export const JITTER_FACTOR = 1.2;

/** The components that elect a leader, with the event source their election events carry. */
export const ELECTED_COMPONENTS = [
  { lease: 'kube-controller-manager', component: 'kube-controller-manager', eventSource: 'kube-controller-manager' },
  { lease: 'kube-scheduler', component: 'kube-scheduler', eventSource: 'default-scheduler' },
] as const;

/** The etcd image kubeadm 1.32 runs, and the etcd version it reports. */
export const ETCD_VERSION = '3.5.16';

/** Control-plane node names as kind names them: control-plane, control-plane2, control-plane3. */
export function controlPlaneNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? CONTROL_PLANE_NODE : `${CONTROL_PLANE_NODE}${i + 1}`));
}

/** The number of control-plane nodes a cluster option asks for (1 or 3). */
export function controlPlaneCount(option: number | undefined): number {
  const n = option ?? 1;
  if (n !== 1 && n !== 3) throw new Error(`controlPlanes must be 1 or 3, got ${n}`);
  return n;
}
